/** One thing a service needs to answer requests: its database, the audit store, a valid policy set. */
export type ReadinessCheck = () => Promise<boolean | void> | boolean | void;

export interface ReadinessReport {
  ready: boolean;
  /** Each check's state: `ok`, or `unavailable` (failed, false, or no answer within the timeout). */
  checks: Record<string, 'ok' | 'unavailable'>;
}

const processChecks = new Map<string, ReadinessCheck>();

/**
 * Adds a check to this process's readiness (GET /health/ready): `runSubgraph` and the gateway's `main` add the
 * audit store and the policy set; a source's server adds its database. Named once: a second registration
 * replaces the first.
 */
export function registerReadinessCheck(name: string, check: ReadinessCheck): void {
  processChecks.set(name, check);
}

/** Longest a check may take before it counts as unavailable: a probe must answer faster than the balancer gives up. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once; ready only when all pass. */
export async function checkReadiness(extra: Record<string, ReadinessCheck> = {}): Promise<ReadinessReport> {
  const all = [...processChecks, ...Object.entries(extra)];
  const results = await Promise.all(all.map(([, check]) => passes(check)));
  const checks = Object.fromEntries(all.map(([name], i) => [name, results[i] ? 'ok' : 'unavailable'] as const));
  return { ready: results.every(Boolean), checks };
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      Promise.resolve().then(check),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READINESS_CHECK_TIMEOUT_MS))),
    ]);
    return outcome !== false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
