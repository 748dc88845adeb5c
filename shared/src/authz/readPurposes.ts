import { type Purpose } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { readPolicyYaml } from './readPolicyYaml.js';
import { validateAgainstSchema } from './validateAgainstSchema.js';

/** Reads purposes.yaml; undefined when the file is unusable (callers then skip purpose references). */
export function readPurposes(dir: string, problems: PolicyProblem[]): Map<string, Purpose> | undefined {
  const yaml = readPolicyYaml(dir, 'purposes.yaml', problems);
  if (!yaml || !validateAgainstSchema(yaml, 'purposes', problems)) return undefined;
  const purposes = new Map<string, Purpose>();
  (yaml.data as Purpose[]).forEach((entry, index) => {
    if (purposes.has(entry.code)) {
      problems.push({ file: yaml.file, line: yaml.lineAt([index, 'code']), message: `purpose ${entry.code} is declared twice` });
      return;
    }
    purposes.set(entry.code, { code: entry.code, description: entry.description });
  });
  return purposes;
}
