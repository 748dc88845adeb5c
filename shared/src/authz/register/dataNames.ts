import fs from 'node:fs';
import path from 'node:path';
import { type PolicySet } from '../model.js';
import { type PolicyProblem } from '../PolicyLoadError.js';
import { readPolicyYaml } from '../readPolicyYaml.js';
import { validateAgainstSchema } from '../validateAgainstSchema.js';

/** One name in the three languages of the register. */
export interface Names {
  nl: string;
  fr: string;
  en: string;
}

/** `authz-policies/register/data-names.yaml`: the register's names of sources, types and fields. */
export interface DataNames {
  sources: Record<string, Names>;
  types: Record<string, Names>;
  fields: Record<string, Names>;
}

/**
 * Where the names live, relative to the policy directory. In a subdirectory,
 * because every `*.yaml` beside the authorizations is read as one.
 */
export const DATA_NAMES_FILE = path.join('register', 'data-names.yaml');

const empty = (): DataNames => ({ sources: {}, types: {}, fields: {} });

/** Reads and checks the names file; problems (a missing file, a schema violation) are added, and what is valid is returned. */
export function readDataNames(dir: string, problems: PolicyProblem[] = []): DataNames {
  if (!fs.existsSync(path.join(dir, DATA_NAMES_FILE))) {
    problems.push({
      file: DATA_NAMES_FILE,
      line: 1,
      message: `${DATA_NAMES_FILE} is missing: the public register names the granted data from it`,
    });
    return empty();
  }
  const yaml = readPolicyYaml(dir, DATA_NAMES_FILE, problems);
  if (!yaml || !validateAgainstSchema(yaml, 'data-names', problems)) return empty();
  return yaml.data as DataNames;
}

/**
 * Every type and field an authorization grants must have its Dutch and French
 * name (and an English one) in the names file: the register is the public
 * record of what the committee allowed, and Belgium publishes it in both
 * languages. Reported at the authorization that grants it, once per name.
 */
export function missingDataNames(dir: string, set: PolicySet): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const names = readDataNames(dir, problems);
  if (problems.length > 0) return problems;
  const reported = new Set<string>();
  for (const authorization of set.authorizations) {
    for (const [type, grants] of Object.entries(authorization.grants)) {
      const wanted = [
        { key: type, known: type in names.types, section: 'types' },
        ...grants.map((g) => ({ key: `${type}.${g.field}`, known: `${type}.${g.field}` in names.fields, section: 'fields' })),
      ];
      for (const { key, known, section } of wanted) {
        if (known || reported.has(key)) continue;
        reported.add(key);
        problems.push({
          ...authorization.location,
          message: `${authorization.id} grants ${key}, which has no name for the public register: add it under ${section} in ${DATA_NAMES_FILE} (nl, fr, en)`,
        });
      }
    }
  }
  return problems;
}
