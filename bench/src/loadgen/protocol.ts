import type { Target } from './client.js';

/** What the bench sends the load generator process. */
export interface LoadSpec {
  target: Target;
  /** closed: `connections` loops, each sending its next request when the last one answered. open: `rate` requests/s on a fixed schedule. */
  model: 'closed' | 'open';
  connections: number;
  rate: number;
  durationMs: number;
  /** A file of SSINs, one a line; each request draws one at random. */
  ssinsFile: string;
  /** Measure refusals (HTTP 429 and 503) apart from the answers: the overload scenario. */
  splitRefusals?: boolean;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  model: 'closed' | 'open';
  connections: number;
  /** Requested rate (open model). */
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  /** Requests scheduled (open model) but never answered before the drain deadline: counted in `errors`. */
  unanswered: number;
  /**
   * Requests of the open model's schedule not sent because too many were
   * already waiting (the system is overloaded at this rate): counted in
   * `errors`. Shedding keeps the backlog, and so the next run's start, bounded.
   */
  shed: number;
  errorSamples: string[];
  elapsedMs: number;
  /** Answered successfully per second. */
  throughput: number;
  /** Milliseconds; open model: from the intended send time. */
  latency: LatencySummary;
  /** The load generator's own CPU time during the run. */
  cpuMs: number;
  /** With `splitRefusals`: the refusals (429, 503) and their latency; `latency` is then the answered requests' alone. */
  refused?: { count: number; byStatus: Record<string, number>; latency: LatencySummary };
}

export type WorkerMessage = { type: 'started' } | { type: 'result'; result: LoadResult } | { type: 'failed'; message: string };
