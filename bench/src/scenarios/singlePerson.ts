import type { SingleScenario } from '../report/types.js';
import { measureLoad, type LoadContext } from './measureLoad.js';

export interface SingleOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
  targetRate: number;
  fractions: number[];
}

/**
 * One person, three sources, SSINs at random from the whole population:
 * saturation (closed model, after a warm-up), one connection (closed), then
 * open-model latency at the target rate and at fractions of saturation.
 */
export async function singlePerson(context: LoadContext, options: SingleOptions, log: (m: string) => void): Promise<SingleScenario> {
  const closed = (connections: number, durationMs: number) => measureLoad(context, { model: 'closed', connections, rate: 0, durationMs });
  // At least ten requests per open-model run, however slow the system (a rate of 1 req/s for 1 s measures nothing).
  const open = (rate: number) =>
    measureLoad(context, { model: 'open', connections: 0, rate, durationMs: Math.max(options.durationMs, Math.ceil(10_000 / rate)) });
  await closed(options.connections, options.warmupMs);
  const saturation = await closed(options.connections, options.durationMs);
  const sat = saturation.result.throughput;
  log(`    saturation ${sat.toFixed(0)} req/s, p50 ${saturation.result.latency.p50} ms, errors ${saturation.result.errors}`);
  const oneConnection = await closed(1, options.durationMs);
  log(`    one connection p50 ${oneConnection.result.latency.p50} ms`);
  const targetRate = await open(options.targetRate);
  log(
    `    open ${options.targetRate} req/s: p50 ${targetRate.result.latency.p50} ms, p99 ${targetRate.result.latency.p99} ms, errors ${targetRate.result.errors}`,
  );
  const openRuns: SingleScenario['open'] = [];
  for (const fraction of options.fractions) {
    const load = await open(Math.max(1, Math.round(sat * fraction)));
    openRuns.push({ fraction, load });
    log(`    open ${fraction * 100}% (${load.result.rate} req/s): p50 ${load.result.latency.p50} ms, p99 ${load.result.latency.p99} ms`);
  }
  return { saturation, oneConnection, targetRate, open: openRuns };
}
