/**
 * `npm run policies:check [dir]`: loads the committee's policy set against the
 * API schema of gateway/supergraph.graphql, runs every case beside the
 * authorizations, and prints each problem as `file:line: message`. Exits 1 on
 * any problem, so CI refuses a broken set or an authorization without cases.
 */
import path from 'node:path';
import { readApiSchema } from '../apiSchemaFromSupergraph.js';
import { checkCaseCoverage } from '../checkCaseCoverage.js';
import { loadPolicyCases, type PolicyCase } from '../loadPolicyCases.js';
import { loadPolicySet } from '../loadPolicySet.js';
import { type PolicySet } from '../model.js';
import { PolicyLoadError, type PolicyProblem } from '../PolicyLoadError.js';
import { policyDir } from '../policyPaths.js';
import { runPolicyCase } from '../runPolicyCase.js';

const dir = process.argv[2] ? path.resolve(process.argv[2]) : policyDir;
// Relative to where the command runs, so that editors and terminals can jump to the line.
const where = (p: PolicyProblem): string => `${path.relative(process.cwd(), path.join(dir, p.file))}:${p.line}: ${p.message}`;
const print = (line: string): void => void process.stdout.write(`${line}\n`);

function main(): number {
  const schema = readApiSchema();
  let set: PolicySet;
  let cases: PolicyCase[];
  try {
    set = loadPolicySet({ dir, supergraph: schema });
    cases = loadPolicyCases({ dir, set, schema });
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    error.problems.forEach((p) => print(where(p)));
    print(`\n${error.problems.length} problem(s); nothing was loaded.`);
    return 1;
  }
  for (const notice of set.notices ?? []) print(`${where(notice)} (note, not an error)`);

  const problems = checkCaseCoverage(set, cases);
  for (const policyCase of cases) {
    const { passed, actual } = runPolicyCase(set, schema, policyCase);
    if (!passed) {
      const expected = describe(policyCase);
      problems.push({ ...policyCase.location, message: `case "${policyCase.name}": expected ${expected}, got ${describe(actual)}` });
    }
  }
  problems.forEach((p) => print(where(p)));
  print(
    `\n${set.authorizations.length} authorizations, ${cases.length} cases: ` +
      (problems.length === 0 ? 'all pass.' : `${problems.length} problem(s).`),
  );
  return problems.length === 0 ? 0 : 1;
}

function describe(outcome: { expect: 'allow' | 'deny'; uncovered: string[]; code?: string }): string {
  if (outcome.expect === 'allow') return 'allow';
  return outcome.code ? `deny with ${outcome.code}` : `deny of [${outcome.uncovered.join(', ')}]`;
}

process.exitCode = main();
