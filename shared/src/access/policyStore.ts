import type { GraphQLSchema } from 'graphql';
import { loadPolicySet } from '../authz/loadPolicySet.js';
import type { PolicySet } from '../authz/model.js';
import { formatProblem, PolicyLoadError, type PolicyProblem } from '../authz/PolicyLoadError.js';
import type { Logger } from '../logger.js';
import { policySetVersion } from './policySetVersion.js';

/** What a process reports about its policy set (GET /health, `npm run policies:reload`). */
export interface PolicyStatus {
  /** SHA-256 of the files the set in force was read from: two processes with the same version enforce the same set. */
  version: string;
  /** When the set in force was loaded (ISO 8601). */
  loadedAt: string;
  /** Reloads asked for since start (SIGHUP), refused ones included: a caller that signalled sees its own reload counted. */
  reloads: number;
  /** The last reload, or null before the first. */
  lastReload: {
    at: string;
    outcome: 'loaded' | 'refused';
    /** Every problem of a refused reload, at its file (relative to the policy directory) and line. */
    problems: PolicyProblem[];
  } | null;
}

export interface PolicyStore {
  /** The policy set in force. A request reads it once and keeps that object: a reload never changes a request half-way. */
  current(): PolicySet;
  /** Loads the files again; the new set replaces the old one whole, or not at all. */
  reload(): boolean;
  status(): PolicyStatus;
}

export interface PolicyStoreOptions {
  dir: string;
  schema: GraphQLSchema;
  logger: Logger;
  /**
   * Whatever else a set needs before it may be put in force (the gateway reads
   * the partners' keys): throws, a PolicyLoadError to name files and lines, to
   * refuse the set. Runs on the first load and on every reload.
   */
  prepare?: (set: PolicySet) => void;
  /** Directories whose files make up the version (default: `dir`); the gateway adds JWKS_DIR. */
  versionDirs?: readonly string[];
}

/**
 * Holds the committee's policy set for a process. Loading at start throws (a
 * broken set stops the process); a reload that fails keeps the set in force,
 * logs every problem at error level and reports them in `status()`, so that a
 * typo in a file never opens or closes access, and never goes unnoticed.
 */
export function createPolicyStore(options: PolicyStoreOptions): PolicyStore {
  const versionDirs = options.versionDirs ?? [options.dir];
  const load = (): { set: PolicySet; version: string } => {
    // Hashed before reading: a file changed in between makes the next reload load it, never a version that lies about it.
    const version = policySetVersion(versionDirs);
    const set = loadPolicySet({ dir: options.dir, supergraph: options.schema });
    options.prepare?.(set);
    return { set, version };
  };
  let { set, version } = load();
  let loadedAt = new Date().toISOString();
  let reloads = 0;
  let lastReload: PolicyStatus['lastReload'] = null;
  return {
    current: () => set,
    reload() {
      reloads += 1;
      const at = new Date().toISOString();
      try {
        ({ set, version } = load());
        loadedAt = at;
        lastReload = { at, outcome: 'loaded', problems: [] };
        options.logger.info({ authorizations: set.authorizations.length, policyVersion: version }, 'policy set reloaded');
        return true;
      } catch (error) {
        const problems: PolicyProblem[] =
          error instanceof PolicyLoadError ? [...error.problems] : [{ file: '(policy set)', line: 0, message: (error as Error).message }];
        lastReload = { at, outcome: 'refused', problems };
        options.logger.error(
          { problems: problems.map(formatProblem), policyVersion: version },
          `policy reload refused (${problems.length} problem(s), first ${formatProblem(problems[0]!)}); the previous set stays in force`,
        );
        return false;
      }
    },
    status: () => ({ version, loadedAt, reloads, lastReload }),
  };
}

/** Reloads on SIGHUP, the usual signal for "read your configuration again". */
export function reloadOnSighup(store: PolicyStore): void {
  process.on('SIGHUP', () => store.reload());
}
