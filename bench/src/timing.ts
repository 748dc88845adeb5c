import { performance } from 'node:perf_hooks';

/**
 * Where the bench's own wall-clock time goes (starting and stopping processes,
 * seeding, loads, bulk, …): recorded per phase and printed at the end of a run,
 * so that a slow run says why. Log output only; nothing here is measured.
 * BENCH_TIMINGS=1 also logs every timed step as it ends.
 */
class PhaseTimes {
  private readonly totals = new Map<string, { ms: number; count: number }>();

  add(phase: string, ms: number): void {
    const t = this.totals.get(phase) ?? { ms: 0, count: 0 };
    t.ms += ms;
    t.count++;
    this.totals.set(phase, t);
    if (process.env.BENCH_TIMINGS) process.stdout.write(`[timing] ${phase}: ${(ms / 1000).toFixed(2)} s\n`);
  }

  async time<T>(phase: string, run: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await run();
    } finally {
      this.add(phase, performance.now() - t);
    }
  }

  /** One line per phase, the longest first: total seconds, and how many times. */
  summary(): string[] {
    return [...this.totals]
      .sort(([, a], [, b]) => b.ms - a.ms)
      .map(([phase, t]) => `${(t.ms / 1000).toFixed(1).padStart(7)} s  ${phase}${t.count > 1 ? ` (×${t.count})` : ''}`);
  }
}

export const phases = new PhaseTimes();
