import { type GraphQLSchema } from 'graphql';
import { argumentValue } from '../checkArgumentBounds.js';
import { earliestAllowed } from '../dateBounds.js';
import { type PolicyCase } from '../loadPolicyCases.js';
import { type PolicyProblem } from '../PolicyLoadError.js';
import { readPolicyYaml, type PolicyYaml } from '../readPolicyYaml.js';
import { authorizationFileName } from '../toAuthorization.js';
import { walkOperation } from '../walkOperation.js';
import { type CaseChange } from './diffCases.js';
import { isWidening, type AuthorizationDiff, type PolicyChange } from './diffPolicySets.js';
import { describeReach, describePeriod } from './describeChange.js';
import { inPeriod } from './periodsMinus.js';

export interface UnexercisedWideningsInput {
  /** The differences from the base set to the current one (`diffPolicySets`). */
  diffs: readonly AuthorizationDiff[];
  /** The current set's cases, loaded. */
  cases: readonly PolicyCase[];
  /** Cases added or changed since the base (`diffCases`), for widenings a request cannot show. */
  caseChanges: readonly CaseChange[];
  schema: GraphQLSchema;
  /** The current policy directory, to point at the line of each widening. */
  dir: string;
  /** How the base is named in messages, e.g. `main (1a2b3c4)`. */
  baseName: string;
}

/** Each requested field of a case, with the argument values execution would see, once per occurrence. */
type Reads = Map<string, Record<string, unknown>[]>;

/**
 * The widenings no case exercises. A change that gives a partner more must
 * come with an allowed case that uses exactly the new access, so that the
 * review shows it working and a later change that breaks or widens it further
 * is noticed. For a widening of authorization A for purpose P, an allowed
 * case of A's partner, for P, on a day A is in force, exercises:
 *
 * - a newly granted field, when it reads that field;
 * - a bound reaching further back, when it gives that argument a date the old
 *   bound refused; an argument that may now be omitted, when it omits it;
 * - days newly in force, when it is dated on one of them;
 * - a wider scope or a new capacity, which no request can show yet, when the
 *   change adds or changes an allowed case of A (so the review has one).
 */
export function unexercisedWidenings(input: UnexercisedWideningsInput): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const readsOf = new Map<PolicyCase, Reads>();
  const reads = (c: PolicyCase): Reads => {
    let r = readsOf.get(c);
    if (!r) readsOf.set(c, (r = readsOfCase(input.schema, c)));
    return r;
  };
  const yamlOf = new Map<string, PolicyYaml | undefined>();

  for (const diff of input.diffs) {
    const head = diff.head;
    if (!head) continue;
    const casesFile = authorizationFileName(diff.id).replace(/\.yaml$/, '.cases.yaml');
    const candidates = input.cases.filter(
      (c) =>
        c.expect === 'allow' &&
        c.partner === diff.partner &&
        c.purpose === diff.purpose &&
        inPeriod(c.date, { from: head.validFrom, until: head.validUntil }),
    );
    for (const change of diff.changes.filter(isWidening)) {
      if (exercised(change, candidates, reads, input.caseChanges, casesFile)) continue;
      const file = head.location.file;
      if (!yamlOf.has(file)) yamlOf.set(file, readPolicyYaml(input.dir, file, []));
      const yaml = yamlOf.get(file);
      const line = yaml ? lineOf(yaml, change) : head.location.line;
      const who = `${diff.partner}, for ${diff.purpose},`;
      problems.push({
        file,
        line,
        message: `${diff.id} ${widenedSince(change, diff, input.baseName)}, but ${missing(change, who, casesFile)}`,
      });
    }
  }
  return problems;
}

function exercised(
  change: PolicyChange,
  candidates: readonly PolicyCase[],
  reads: (c: PolicyCase) => Reads,
  caseChanges: readonly CaseChange[],
  casesFile: string,
): boolean {
  switch (change.kind) {
    case 'field':
      return candidates.some((c) => reads(c).has(change.coordinate));
    case 'bound': {
      const { coordinate, argument, before } = change;
      if (change.aspect === 'omission') {
        return candidates.some((c) =>
          (reads(c).get(coordinate) ?? []).some((args) => args[argument] === null || args[argument] === undefined),
        );
      }
      const oldBound = { notBeforeMonthsAgo: before.months ?? 0 };
      return candidates.some((c) =>
        (reads(c).get(coordinate) ?? []).some((args) => {
          const value = args[argument];
          return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value < earliestAllowed(oldBound, c.date);
        }),
      );
    }
    case 'validity':
      return candidates.some((c) => inPeriod(c.date, change.period));
    case 'scope':
    case 'capacity':
      return candidates.some((c) =>
        caseChanges.some((k) => k.file === casesFile && k.name === c.name && k.expect === 'allow' && k.change !== 'removed'),
      );
    case 'text':
      return true;
  }
}

function readsOfCase(schema: GraphQLSchema, policyCase: PolicyCase): Reads {
  const reads: Reads = new Map();
  walkOperation(
    { schema, document: policyCase.document, operationName: policyCase.operationName, variables: policyCase.variables },
    (parentName, node, definition, variable) => {
      if (!definition || node.name.value.startsWith('__')) return false;
      const args: Record<string, unknown> = {};
      for (const a of definition.args) args[a.name] = argumentValue(node, definition, a.name, variable);
      const coordinate = `${parentName}.${node.name.value}`;
      reads.set(coordinate, [...(reads.get(coordinate) ?? []), args]);
      return true;
    },
  );
  return reads;
}

function widenedSince(change: PolicyChange, diff: AuthorizationDiff, baseName: string): string {
  const since = `since ${baseName}`;
  switch (change.kind) {
    case 'field':
      return `newly grants ${change.coordinate} for ${diff.purpose} ${since}`;
    case 'bound':
      return change.aspect === 'omission'
        ? `now lets ${change.coordinate}(${change.argument}) be omitted for ${diff.purpose} ${since}`
        : `now lets ${change.coordinate}(${change.argument}) reach ${describeReach(change.after)} (was ${describeReach(change.before)}) for ${diff.purpose} ${since}`;
    case 'validity':
      return `is newly in force ${describePeriod(change.period)} for ${diff.purpose} ${since}`;
    case 'scope':
      return `now reaches scope ${change.after} (was ${change.before}) for ${diff.purpose} ${since}`;
    case 'capacity':
      return `newly reaches persons in capacity ${change.code} for ${diff.purpose} ${since}`;
    case 'text':
      return 'changed its text';
  }
}

function missing(change: PolicyChange, who: string, casesFile: string): string {
  const add = `add one to ${casesFile}`;
  switch (change.kind) {
    case 'field':
      return `no allowed case in which ${who} reads ${change.coordinate}: ${add}`;
    case 'bound':
      return change.aspect === 'omission'
        ? `no allowed case in which ${who} omits ${change.argument}: ${add}`
        : `no allowed case in which ${who} gives ${change.argument} a date further back than ${change.before.months ?? 0} months: ${add}`;
    case 'validity':
      return `no allowed case of ${who} is dated in that period: ${add} (date: YYYY-MM-DD)`;
    case 'scope':
    case 'capacity':
      return `no case can show which persons it reaches yet, and this change adds or changes no allowed case of it: add one to ${casesFile} that the review can check against the deliberation`;
    case 'text':
      return '';
  }
}

function lineOf(yaml: PolicyYaml, change: PolicyChange): number {
  switch (change.kind) {
    case 'field':
    case 'bound': {
      const [type, field] = change.coordinate.split('.') as [string, string];
      const grants = ((yaml.data as { grants?: Record<string, unknown[]> }).grants ?? {})[type] ?? [];
      const index = grants.findIndex((g) => (typeof g === 'string' ? g : (g as { field?: string }).field) === field);
      if (index < 0) return yaml.lineAt(['grants', type]);
      return change.kind === 'bound'
        ? yaml.lineAt(['grants', type, index, 'arguments', change.argument])
        : yaml.lineAt(['grants', type, index]);
    }
    case 'validity':
      return yaml.lineAt([], 'valid');
    case 'scope':
      return yaml.lineAt([], 'scope');
    case 'capacity':
      return yaml.lineAt([], 'capacities');
    case 'text':
      return yaml.lineAt(['id']);
  }
}
