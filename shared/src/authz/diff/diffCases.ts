import fs from 'node:fs';
import { type PolicyProblem } from '../PolicyLoadError.js';
import { readPolicyYaml } from '../readPolicyYaml.js';

/** The cases of one cases file, by name, each as a canonical text of what it asks and expects. */
export type CaseEntries = Map<string, Map<string, { expect: string; text: string }>>;

/** One case added, removed or changed, in the cases file of an authorization. */
export interface CaseChange {
  /** The cases file, e.g. ISC-24-017.cases.yaml. */
  file: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  expect: string;
}

/**
 * Reads the cases files of a policy directory as written, by case name. Cases
 * are compared as requests and expectations, not evaluated: a removed case
 * matters in review whatever the set it ran against. Files that do not parse
 * are skipped; the policy check reports them.
 */
export function readCaseEntries(dir: string | undefined): CaseEntries {
  const result: CaseEntries = new Map();
  if (!dir) return result;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cases.yaml'))
    .sort()) {
    const problems: PolicyProblem[] = [];
    const yaml = readPolicyYaml(dir, file, problems);
    if (!yaml || !Array.isArray(yaml.data)) continue;
    const byName = new Map<string, { expect: string; text: string }>();
    for (const entry of yaml.data as Record<string, unknown>[]) {
      if (!entry || typeof entry !== 'object' || typeof entry['name'] !== 'string') continue;
      const { name, ...rest } = entry;
      byName.set(name, { expect: String(rest['expect'] ?? ''), text: canonical(rest) });
    }
    result.set(file, byName);
  }
  return result;
}

/** JSON with sorted keys and normalized query whitespace: reformatting a case is not a change. */
function canonical(value: unknown): string {
  const normalize = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(normalize);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, normalize((v as Record<string, unknown>)[k])]),
      );
    }
    return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v;
  };
  return JSON.stringify(normalize(value));
}

/** Cases added, removed or changed between two directories, by file and name. */
export function diffCases(base: CaseEntries, head: CaseEntries): CaseChange[] {
  const changes: CaseChange[] = [];
  for (const file of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    const was = base.get(file) ?? new Map();
    const now = head.get(file) ?? new Map();
    for (const [name, entry] of now) {
      const old = was.get(name);
      if (!old) changes.push({ file, name, change: 'added', expect: entry.expect });
      else if (old.text !== entry.text) changes.push({ file, name, change: 'changed', expect: entry.expect });
    }
    for (const [name, entry] of was) if (!now.has(name)) changes.push({ file, name, change: 'removed', expect: entry.expect });
  }
  return changes;
}
