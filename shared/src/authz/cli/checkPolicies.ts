/**
 * `npm run policies:check [dir] [--base REF]`: loads the committee's policy set
 * against the API schema of gateway/supergraph.graphql, runs every case beside
 * the authorizations, checks that every granted field has its Dutch and French
 * name for the public register, and that every widening since the base (by
 * default the merge base with main, or HEAD) has an allowed case exercising it.
 * Prints each problem as `file:line: message`. Exits 1 on any problem, so CI
 * refuses a broken set, an authorization without cases, or an untested widening.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readApiSchema } from '../apiSchemaFromSupergraph.js';
import { checkCaseCoverage } from '../checkCaseCoverage.js';
import { BaseSetLoadError, compareWithRef } from '../diff/compareWithRef.js';
import { defaultBase, GitRefError } from '../diff/policyDirAtRef.js';
import { unexercisedWidenings } from '../diff/unexercisedWidenings.js';
import { loadPolicyCases, type PolicyCase } from '../loadPolicyCases.js';
import { loadPolicySet } from '../loadPolicySet.js';
import { type PolicySet } from '../model.js';
import { PolicyLoadError, type PolicyProblem } from '../PolicyLoadError.js';
import { policyDir } from '../policyPaths.js';
import { missingDataNames } from '../register/dataNames.js';
import { runPolicyCase } from '../runPolicyCase.js';
import { ensureSupergraph } from './ensureSupergraph.js';

const { values, positionals } = parseArgs({ options: { base: { type: 'string' } }, allowPositionals: true });
const dir = positionals[0] ? path.resolve(positionals[0]) : policyDir;
// Relative to where the command runs, so that editors and terminals can jump to the line.
const where = (p: PolicyProblem): string => `${path.relative(process.cwd(), path.join(dir, p.file))}:${p.line}: ${p.message}`;
const print = (line: string): void => void process.stdout.write(`${line}\n`);

function main(): number {
  ensureSupergraph();
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
  problems.push(...missingDataNames(dir, set));
  const widening = checkWidenings(set, cases, schema);
  problems.push(...widening.problems);
  problems.forEach((p) => print(where(p)));
  print(
    `\n${set.authorizations.length} authorizations, ${cases.length} cases${widening.summary}: ` +
      (problems.length === 0 ? 'all pass.' : `${problems.length} problem(s).`),
  );
  return problems.length === 0 ? 0 : 1;
}

/**
 * Widenings since the base, each of which needs an allowed case that exercises
 * it. Outside git (an exported copy) there is nothing to compare with: said,
 * not failed. A base that cannot be read or loaded is a problem: the check
 * must not pass by failing to look.
 */
function checkWidenings(
  set: PolicySet,
  cases: PolicyCase[],
  schema: ReturnType<typeof readApiSchema>,
): { problems: PolicyProblem[]; summary: string } {
  const base = values.base ?? defaultBase(dir);
  if (base === undefined) {
    print('(note, not an error) not in a git repository: widenings are not checked; pass --base <ref> inside one');
    return { problems: [], summary: '' };
  }
  try {
    const report = compareWithRef({ dir, ref: base, schema, head: set });
    const problems = unexercisedWidenings({
      diffs: report.diffs,
      cases,
      caseChanges: report.caseChanges,
      schema,
      dir,
      baseName: report.baseName,
    });
    const count = report.diffs.flatMap((d) => d.changes).filter((c) => c.kind !== 'text').length;
    return { problems, summary: `, ${count} change(s) since ${report.baseName}` };
  } catch (error) {
    if (error instanceof GitRefError || error instanceof BaseSetLoadError) {
      const message = `${error.message}; widenings cannot be checked (pass --base <ref> of a set that loads)`;
      return { problems: [{ file: '.', line: 1, message }], summary: '' };
    }
    throw error;
  }
}

function describe(outcome: { expect: 'allow' | 'deny'; uncovered: string[]; code?: string }): string {
  if (outcome.expect === 'allow') return 'allow';
  return outcome.code ? `deny with ${outcome.code}` : `deny of [${outcome.uncovered.join(', ')}]`;
}

process.exitCode = main();
