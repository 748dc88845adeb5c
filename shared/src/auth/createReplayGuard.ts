export type ReplayVerdict = 'first-use' | 'replayed' | 'full';

export interface ReplayGuard {
  /** Records `jti`, kept until `keepUntil` (seconds since the epoch); says whether it was seen before. */
  check(jti: string, keepUntil: number): ReplayVerdict;
  readonly size: number;
}

/**
 * The token ids seen, each kept only while its token could still be accepted,
 * in a bounded map. Tokens are short-lived and arrive roughly in expiry order,
 * so pruning from the oldest end until an unexpired entry is cheap; a full scan
 * runs only when the bound is reached. When even that leaves no room the guard
 * answers `full` and the caller refuses: forgetting a live token would let it
 * be replayed, so we fail closed.
 */
export function createReplayGuard(options: { maxEntries: number; now?: () => number }): ReplayGuard {
  const now = options.now ?? (() => Date.now() / 1000);
  const seen = new Map<string, number>();

  function prune(t: number, full: boolean): void {
    for (const [jti, keepUntil] of seen) {
      if (keepUntil <= t) seen.delete(jti);
      else if (!full) return;
    }
  }

  return {
    check(jti, keepUntil) {
      const t = now();
      prune(t, false);
      if (seen.has(jti)) return 'replayed';
      if (seen.size >= options.maxEntries) {
        prune(t, true);
        if (seen.size >= options.maxEntries) return 'full';
      }
      seen.set(jti, keepUntil);
      return 'first-use';
    },
    get size() {
      return seen.size;
    },
  };
}
