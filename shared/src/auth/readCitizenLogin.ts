import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { formatProblem, type PolicyProblem } from '../authz/PolicyLoadError.js';
import { policyDir as repoPolicyDir } from '../authz/policyPaths.js';
import { readPolicyYaml } from '../authz/readPolicyYaml.js';
import type { SourceLocation } from '../authz/model.js';
import type { KeySetSource } from './loadKeySet.js';

/**
 * Where the citizens' identity provider is described, relative to the policy
 * directory. In a subdirectory because every `*.yaml` at the top of the
 * directory is read as an authorization.
 */
export const CITIZEN_LOGIN_FILE = 'identity-providers/citizens.yaml';

/** The identity provider citizens log in with (authz-policies/identity-providers/citizens.yaml). */
export interface CitizenLogin {
  /** Expected `iss`; a bearer token claiming it is a citizen token. */
  issuer: string;
  name: string;
  jwks: KeySetSource;
  location: SourceLocation;
}

// Both packages are CommonJS with the class on `.default` as well as on module.exports.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
let validate: ReturnType<InstanceType<typeof Ajv2020>['compile']> | undefined;

/**
 * Reads the citizens' identity provider from a policy directory, checked
 * against identity-provider.schema.json (always the repository's copy: a
 * directory cannot loosen its own rules). Undefined when the directory has no
 * such file: then no citizen can log in. Throws with every problem, as
 * `file:line: message`, when the file is there but wrong.
 */
export function readCitizenLogin(dir: string): CitizenLogin | undefined {
  if (!fs.existsSync(path.join(dir, CITIZEN_LOGIN_FILE))) return undefined;
  const problems: PolicyProblem[] = [];
  const yaml = readPolicyYaml(dir, CITIZEN_LOGIN_FILE, problems);
  if (yaml) {
    validate ??= addFormats(new Ajv2020({ allErrors: true, strict: true }), ['uri']).compile(
      JSON.parse(fs.readFileSync(path.join(repoPolicyDir, 'identity-provider.schema.json'), 'utf8')) as object,
    );
    if (!validate(yaml.data)) {
      for (const error of validate.errors ?? []) {
        const at = error.instancePath.split('/').filter(Boolean);
        problems.push({ file: CITIZEN_LOGIN_FILE, line: yaml.lineAt(at, keyOf(error)), message: describe(error, at) });
      }
    }
  }
  if (problems.length > 0) {
    const sorted = problems.sort((a, b) => a.line - b.line);
    throw new Error(`The citizens' identity provider is misconfigured:\n${sorted.map(formatProblem).join('\n')}`);
  }
  const data = yaml!.data as Omit<CitizenLogin, 'location'>;
  return { issuer: data.issuer, name: data.name, jwks: data.jwks, location: { file: CITIZEN_LOGIN_FILE, line: 1 } };
}

function keyOf(error: ErrorObject): string | undefined {
  const key = (error.params as Record<string, unknown>)['additionalProperty'];
  return typeof key === 'string' ? key : undefined;
}

function describe(error: ErrorObject, at: string[]): string {
  const where = at.length > 0 ? `${at.join('.')}: ` : '';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${where}missing required property '${String(params['missingProperty'])}'`;
  if (error.keyword === 'additionalProperties') return `${where}unknown property '${String(params['additionalProperty'])}'`;
  if (error.keyword === 'not' && at[0] === 'issuer') return `${where}must not be a partner's or the gateway's issuer`;
  if (error.keyword === 'const') return `${where}must be ${JSON.stringify(params['allowedValue'])}`;
  return `${where}${error.message ?? 'is invalid'}`;
}
