import path from 'node:path';
import type { StackState } from './stackState.js';

/** What a service reports about its policy set in GET /health (shared/src/access/policyStore.ts). */
interface HealthStatus {
  pid?: number;
  policies?: {
    version: string;
    reloads: number;
    lastReload: { at: string; outcome: 'loaded' | 'refused'; problems: { file: string; line: number; message: string }[] } | null;
  };
}

export interface ReloadResult {
  service: string;
  /** `loaded`: the new set is in force; `refused`: the old one stays; the others: the service could not be asked or did not answer. */
  outcome: 'loaded' | 'refused' | 'unreachable' | 'not-this-stack' | 'no-answer';
  /** The version in force after the reload. */
  version?: string;
  /** `file:line: message`, file given relative to the working directory. */
  problems: string[];
}

export interface ReloadOptions {
  /** Longest wait for a service to report its reload; default 15 s. */
  timeoutMs?: number;
  /** Where `file` paths of problems are shown relative to; default the working directory. */
  cwd?: string;
}

/**
 * Asks every service of a local stack to reload the policy set, as an
 * operator's `kill -HUP` would, and waits for each to report the outcome in
 * GET /health. A service is signalled only if the process answering on its
 * port has the recorded pid, so a stale state file never signals another
 * process.
 */
export async function reloadPolicies(state: StackState, options: ReloadOptions = {}): Promise<ReloadResult[]> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const cwd = options.cwd ?? process.cwd();
  // authz-policies/ISC-24-017.yaml:39 from the checkout; an absolute path for a directory elsewhere.
  const relative = path.relative(cwd, state.policyDir);
  const dir = relative.startsWith('..') || path.isAbsolute(relative) ? state.policyDir : relative;
  return Promise.all(
    state.services.map(async ({ name, pid, port }): Promise<ReloadResult> => {
      const before = await health(port);
      if (!before?.policies) return { service: name, outcome: 'unreachable', problems: [] };
      if (before.pid !== pid) return { service: name, outcome: 'not-this-stack', problems: [] };
      process.kill(pid, 'SIGHUP');
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const after = await health(port);
        if (after?.policies && after.policies.reloads > before.policies.reloads && after.policies.lastReload) {
          const { outcome, problems } = after.policies.lastReload;
          return {
            service: name,
            outcome,
            version: after.policies.version,
            problems: problems.map((p) => (p.line > 0 ? `${path.join(dir, p.file)}:${p.line}: ${p.message}` : p.message)),
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { service: name, outcome: 'no-answer', problems: [] };
    }),
  );
}

async function health(port: number): Promise<HealthStatus | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
    return (await response.json()) as HealthStatus;
  } catch {
    return undefined;
  }
}

/** The report, one line per service and one per problem; and whether every service loaded the new set. */
export function formatReloadResults(results: ReloadResult[]): { text: string; ok: boolean } {
  const pad = Math.max(...results.map((r) => r.service.length));
  const describe: Record<ReloadResult['outcome'], string> = {
    loaded: 'loaded',
    refused: 'REFUSED, the previous set stays in force',
    unreachable: 'NOT REACHED (is it running?)',
    'not-this-stack': 'NOT SIGNALLED (another process answers on its port; the state file is stale)',
    'no-answer': 'NO ANSWER (it did not report a reload in time)',
  };
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.service.padEnd(pad)}  ${describe[r.outcome]}${r.version ? `  ${r.version.slice(0, 19)}` : ''}`);
    for (const problem of r.problems) lines.push(`${' '.repeat(pad)}    ${problem}`);
  }
  return { text: `${lines.join('\n')}\n`, ok: results.every((r) => r.outcome === 'loaded') };
}
