import { anonymousRefusals, type Logger } from '@crossroads/shared';

export interface RefusalCounter {
  /** Counts one refusal of a caller that could not be identified. */
  count(code: string, reason?: string): void;
  /** The counts so far, by `code` or `code/reason`. */
  snapshot(): Record<string, number>;
  stop(): void;
}

/**
 * Refusals of callers that could not be identified (no token, a forged or
 * expired one) are counted, not recorded: the audit trail holds facts about
 * identified callers, and a flood of junk must not be able to fill it. The
 * counts are a Prometheus counter (`crossroads_gateway_anonymous_refusals_total`), and are logged once a minute
 * while there are any, and reported on stop.
 */
export function createRefusalCounter(logger: Logger, intervalMs = 60_000): RefusalCounter {
  const totals = new Map<string, number>();
  let sinceLastLog = new Map<string, number>();
  const log = () => {
    if (sinceLastLog.size === 0) return;
    logger.warn({ anonymousRefusals: Object.fromEntries(sinceLastLog), intervalMs }, 'requests refused before the caller was identified');
    sinceLastLog = new Map();
  };
  const timer = setInterval(log, intervalMs);
  timer.unref();
  return {
    count(code, reason) {
      anonymousRefusals.inc({ code, reason: reason ?? 'none' });
      const key = reason ? `${code}/${reason}` : code;
      totals.set(key, (totals.get(key) ?? 0) + 1);
      sinceLastLog.set(key, (sinceLastLog.get(key) ?? 0) + 1);
    },
    snapshot: () => Object.fromEntries(totals),
    stop() {
      clearInterval(timer);
      log();
    },
  };
}
