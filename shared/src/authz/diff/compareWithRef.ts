import { type GraphQLSchema } from 'graphql';
import { loadPolicySet } from '../loadPolicySet.js';
import { type PolicySet } from '../model.js';
import { PolicyLoadError } from '../PolicyLoadError.js';
import { diffCases, readCaseEntries } from './diffCases.js';
import { diffPolicySets } from './diffPolicySets.js';
import { policyDirAtRef } from './policyDirAtRef.js';
import { type DiffReport } from './renderDiffMarkdown.js';

export interface CompareWithRefOptions {
  /** The current policy directory (in a git work tree). */
  dir: string;
  /** The git ref to compare with. */
  ref: string;
  /** The schema partners see, for both sets: what is compared is what each would enforce today. */
  schema: GraphQLSchema;
  /** The current set, when the caller has loaded it already. */
  head?: PolicySet;
}

/** The set at the ref does not load (against today's schema and rules): it cannot be compared. */
export class BaseSetLoadError extends Error {
  override name = 'BaseSetLoadError';
  constructor(
    readonly ref: string,
    readonly loadError: PolicyLoadError,
  ) {
    super(
      `the policy set at ${ref} does not load against the current schema and rules:\n${loadError.problems.map((p) => `  ${ref}:${p.file}:${p.line}: ${p.message}`).join('\n')}`,
    );
  }
}

/**
 * Loads the policy set at `ref` and the current one with the project's own
 * loader, and compares them: authorizations, purposes, partners and cases.
 * A ref at which the directory did not exist compares as an empty set
 * (everything is new).
 */
export function compareWithRef(options: CompareWithRefOptions): DiffReport & { commit: string } {
  const atRef = policyDirAtRef(options.dir, options.ref);
  try {
    let base: PolicySet | undefined;
    if (atRef.dir) {
      try {
        base = loadPolicySet({ dir: atRef.dir, supergraph: options.schema });
      } catch (error) {
        if (error instanceof PolicyLoadError) throw new BaseSetLoadError(options.ref, error);
        throw error;
      }
    }
    const head = options.head ?? loadPolicySet({ dir: options.dir, supergraph: options.schema });
    const short = atRef.commit.slice(0, 10);
    const baseName = atRef.commit.startsWith(options.ref) ? short : `${options.ref} (${short})`;
    return {
      commit: atRef.commit,
      baseName,
      headName: 'the working tree',
      base,
      head,
      diffs: diffPolicySets(base, head),
      caseChanges: diffCases(readCaseEntries(atRef.dir), readCaseEntries(options.dir)),
    };
  } finally {
    atRef.dispose();
  }
}
