import type { SingleScenario } from '../report/types.js';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Operations } from '../loadgen/client.js';
import { phases } from '../timing.js';
import { measureLoad, type LoadContext } from './measureLoad.js';

export interface SingleOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
  targetRate: number;
  fractions: number[];
  /** At least this many requests per open-model run (10 in a full run). */
  minOpenRequests: number;
}

/**
 * One person, three sources, SSINs at random from the whole population:
 * saturation (closed model, after a warm-up), one connection (closed), then
 * open-model latency at fractions of saturation and, last, at the target rate.
 * The target rate may overload the system: it comes last, and the system is
 * left to work off its backlog before anything else is measured.
 */
export async function singlePerson(context: LoadContext, options: SingleOptions, log: (m: string) => void): Promise<SingleScenario> {
  const closed = (connections: number, durationMs: number) => measureLoad(context, { model: 'closed', connections, rate: 0, durationMs });
  // At least ten requests (a full run) per open-model run, however slow the system (a rate of 1 req/s for 1 s measures nothing).
  const open = (rate: number) =>
    measureLoad(context, {
      model: 'open',
      connections: 0,
      rate,
      durationMs: Math.max(options.durationMs, Math.ceil((options.minOpenRequests * 1000) / rate)),
    });
  if (options.warmupMs > 0) await phases.time('single person: warm-up', () => closed(options.connections, options.warmupMs));
  const saturation = await closed(options.connections, options.durationMs);
  const sat = saturation.result.throughput;
  log(`    saturation ${sat.toFixed(0)} req/s, p50 ${saturation.result.latency.p50} ms, errors ${saturation.result.errors}`);
  const oneConnection = await closed(1, options.durationMs);
  log(`    one connection p50 ${oneConnection.result.latency.p50} ms`);
  const openRuns: SingleScenario['open'] = [];
  for (const fraction of options.fractions) {
    const load = await open(Math.max(1, Math.round(sat * fraction)));
    openRuns.push({ fraction, load });
    log(`    open ${fraction * 100}% (${load.result.rate} req/s): p50 ${load.result.latency.p50} ms, p99 ${load.result.latency.p99} ms`);
  }
  const targetRate = await open(options.targetRate);
  const { shed, unanswered } = targetRate.result;
  log(
    `    open ${options.targetRate} req/s: p50 ${targetRate.result.latency.p50} ms, p99 ${targetRate.result.latency.p99} ms, errors ${targetRate.result.errors}${shed + unanswered ? ` (${shed} shed, ${unanswered} unanswered: overloaded)` : ''}`,
  );
  await phases.time('settle after the target rate', () => settle(context, oneConnection.result.latency.p50));
  return { saturation, oneConnection, targetRate, open: openRuns };
}

/**
 * Waits until the system has worked off what an overload left queued: one
 * request at a time until one answers about as fast as at one connection
 * (three times its p50, at least 200 ms), for at most a minute.
 */
async function settle(context: LoadContext, oneConnectionP50: number): Promise<void> {
  const ssins = fs.readFileSync(context.ssinsFile, 'utf8').split('\n').filter(Boolean);
  const client = new Client(1);
  const ops = new Operations(client, context.target);
  const quiet = Math.max(200, 3 * (Number.isFinite(oneConnectionP50) ? oneConnectionP50 : 0));
  const deadline = performance.now() + 60_000;
  try {
    while (performance.now() < deadline) {
      const started = performance.now();
      const outcome = await ops.single(ssins[Math.floor(Math.random() * ssins.length)]!).catch(() => ({ ok: false }));
      if (outcome.ok && performance.now() - started < quiet) return;
      await sleep(500);
    }
  } finally {
    await ops.close();
  }
}
