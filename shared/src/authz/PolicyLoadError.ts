import { type SourceLocation } from './model.js';

/** One thing wrong in a policy file, at the line of the offending YAML node. */
export interface PolicyProblem extends SourceLocation {
  message: string;
}

export function formatProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/**
 * Thrown when a policy set (or its cases) has any problem. It carries all of
 * them, so the committee fixes a file in one pass, and nothing half-loaded is
 * ever returned.
 */
export class PolicyLoadError extends Error {
  readonly problems: readonly PolicyProblem[];

  constructor(problems: readonly PolicyProblem[]) {
    // In file and line order, as an editor would walk through them (the sort is stable within a line).
    const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    super(`The policy set has ${sorted.length} problem(s):\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'PolicyLoadError';
    this.problems = sorted;
  }
}
