import fs from 'node:fs';
import path from 'node:path';
import { type Capacity } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { readPolicyYaml } from './readPolicyYaml.js';
import { validateAgainstSchema } from './validateAgainstSchema.js';

/**
 * Reads capacities.yaml; undefined when the file is unusable (callers then skip capacity references). A policy
 * set without the file has no capacities: then no partner registers anyone and no authorization is `followed`.
 */
export function readCapacities(dir: string, problems: PolicyProblem[]): Map<string, Capacity> | undefined {
  if (!fs.existsSync(path.join(dir, 'capacities.yaml'))) return new Map();
  const yaml = readPolicyYaml(dir, 'capacities.yaml', problems);
  if (!yaml || !validateAgainstSchema(yaml, 'capacities', problems)) return undefined;
  const capacities = new Map<string, Capacity>();
  (yaml.data as Capacity[]).forEach((entry, index) => {
    if (capacities.has(entry.code)) {
      problems.push({ file: yaml.file, line: yaml.lineAt([index, 'code']), message: `capacity ${entry.code} is declared twice` });
      return;
    }
    capacities.set(entry.code, { code: entry.code, name: entry.name, description: entry.description });
  });
  return capacities;
}
