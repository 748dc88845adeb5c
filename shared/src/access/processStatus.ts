import type { PolicyStore } from './policyStore.js';

/**
 * What a service adds to GET /health: its process id (so that
 * `npm run policies:reload` signals the process that answers on this port,
 * never a stale id) and the status of its policy set: version, when it was
 * loaded, and the outcome of the last reload with its problems.
 */
export function processStatus(policies: PolicyStore): Record<string, unknown> {
  return { pid: process.pid, policies: policies.status() };
}
