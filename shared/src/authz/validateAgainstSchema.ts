import fs from 'node:fs';
import path from 'node:path';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { type PolicyProblem } from './PolicyLoadError.js';
import { policyDir } from './policyPaths.js';
import { type PolicyYaml } from './readPolicyYaml.js';

export type PolicySchemaName = 'authorization' | 'partners' | 'purposes' | 'capacities' | 'cases' | 'data-names';

// Both packages are CommonJS with the class on `.default` as well as on module.exports.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

let ajv: InstanceType<typeof Ajv2020> | undefined;
const validators = new Map<PolicySchemaName, ValidateFunction>();

/** The validator for `authz-policies/<name>.schema.json`, compiled once per process. */
function validatorFor(name: PolicySchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    // allErrors: the committee gets every problem of a file in one run, not the first one.
    ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }), ['date', 'uri']);
    const schema: unknown = JSON.parse(fs.readFileSync(path.join(policyDir, `${name}.schema.json`), 'utf8'));
    validate = ajv.compile(schema as object);
    validators.set(name, validate);
  }
  return validate;
}

/** Validates a parsed file against its JSON Schema; adds one problem per violation, at the offending node's line. */
export function validateAgainstSchema(yaml: PolicyYaml, name: PolicySchemaName, problems: PolicyProblem[]): boolean {
  const validate = validatorFor(name);
  if (validate(yaml.data)) return true;
  // `if` only says "the then/else branch failed"; that branch's own errors say how.
  for (const error of (validate.errors ?? []).filter((e) => e.keyword !== 'if')) {
    const instancePath = parsePointer(error.instancePath);
    const key = keyOf(error);
    problems.push({ file: yaml.file, line: yaml.lineAt(instancePath, key), message: describe(error, instancePath, yaml.data) });
  }
  return false;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** For errors about one property of an object, that property's key (so the line is the key's, not the object's). */
function keyOf(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const key = params['additionalProperty'] ?? params['propertyName'];
  return typeof key === 'string' ? key : undefined;
}

function describe(error: ErrorObject, instancePath: string[], data: unknown): string {
  const where = instancePath.length === 0 ? '' : `${displayPath(instancePath)}: `;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where}missing required property '${String(params['missingProperty'])}'`;
    case 'additionalProperties':
      return `${where}unknown property '${String(params['additionalProperty'])}'`;
    case 'propertyNames':
      return `${where}'${String(params['propertyName'])}' is not a valid name`;
    case 'enum':
      return `${where}must be one of ${(params['allowedValues'] as unknown[]).join(', ')}; got ${received(instancePath, data)}`;
    default:
      return `${where}${error.message ?? 'is invalid'}; got ${received(instancePath, data)}`;
  }
}

/** `grants.Person[2].arguments.from`: how the committee would point at it. */
function displayPath(segments: string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function received(instancePath: string[], data: unknown): string {
  let value = data;
  for (const segment of instancePath) value = (value as Record<string, unknown>)[segment];
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
