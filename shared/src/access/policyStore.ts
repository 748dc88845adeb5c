import type { GraphQLSchema } from 'graphql';
import { loadPolicySet } from '../authz/loadPolicySet.js';
import type { PolicySet } from '../authz/model.js';
import { PolicyLoadError } from '../authz/PolicyLoadError.js';
import type { Logger } from '../logger.js';

export interface PolicyStore {
  /** The policy set in force. A request reads it once and keeps that object: a reload never changes a request half-way. */
  current(): PolicySet;
  /** Loads the files again; the new set replaces the old one whole, or not at all. */
  reload(): boolean;
}

/**
 * Holds the committee's policy set for a process. Loading at start throws (a
 * broken set stops the process); a reload that fails keeps the set in force and
 * logs every problem, so that a typo in a file never opens or closes access.
 */
export function createPolicyStore(options: { dir: string; schema: GraphQLSchema; logger: Logger }): PolicyStore {
  let set = loadPolicySet({ dir: options.dir, supergraph: options.schema });
  return {
    current: () => set,
    reload() {
      try {
        set = loadPolicySet({ dir: options.dir, supergraph: options.schema });
        options.logger.info({ authorizations: set.authorizations.length }, 'policy set reloaded');
        return true;
      } catch (error) {
        const problems = error instanceof PolicyLoadError ? error.problems.length : undefined;
        options.logger.error(
          { problems, errorMessage: (error as Error).message },
          'policy reload refused; the previous set stays in force',
        );
        return false;
      }
    },
  };
}

/** Reloads on SIGHUP, the usual signal for "read your configuration again". */
export function reloadOnSighup(store: PolicyStore): void {
  process.on('SIGHUP', () => store.reload());
}
