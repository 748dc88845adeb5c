/**
 * The load generator: a process of its own, so that its CPU time is measured
 * apart from the bench's. Receives one LoadSpec over IPC, runs it, sends the
 * result back and exits. Bounded in count and time whatever the system does.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { Client, Operations, type Outcome } from './client.js';
import type { LatencySummary, LoadResult, LoadSpec, WorkerMessage } from './protocol.js';

const send = (message: WorkerMessage) => process.send!(message);

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

async function run(spec: LoadSpec): Promise<LoadResult> {
  const ssins = fs.readFileSync(spec.ssinsFile, 'utf8').split('\n').filter(Boolean);
  const pick = () => ssins[Math.floor(Math.random() * ssins.length)]!;
  // Open model: enough sockets that the generator never queues (queueing would still be measured, from the intended time).
  const client = new Client(spec.model === 'closed' ? spec.connections : 512);
  const ops = new Operations(client, spec.target);
  await ops.ready();
  const newHistogram = () =>
    hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  const histogram = newHistogram();
  const refusals = { histogram: newHistogram(), byStatus: {} as Record<string, number> };
  const tally = { sent: 0, ok: 0, errors: 0, unanswered: 0, shed: 0, samples: new Set<string>() };
  const record = (outcome: Outcome, startedAt: number) => {
    const us = Math.max(1, Math.round((performance.now() - startedAt) * 1000));
    if (spec.splitRefusals && (outcome.status === 429 || outcome.status === 503)) {
      refusals.histogram.recordValue(us);
      refusals.byStatus[outcome.status] = (refusals.byStatus[outcome.status] ?? 0) + 1;
      return;
    }
    histogram.recordValue(us);
    if (outcome.ok) tally.ok++;
    else {
      tally.errors++;
      if (tally.samples.size < 5) tally.samples.add(outcome.error ?? 'error');
    }
  };

  send({ type: 'started' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (spec.model === 'closed') {
    const deadline = t0 + spec.durationMs;
    const loop = async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        tally.sent++;
        record(await ops.single(pick()), started);
      }
    };
    await Promise.all(Array.from({ length: spec.connections }, loop));
  } else {
    await openModel(spec, t0, (intended) => {
      tally.sent++;
      return ops.single(pick()).then((outcome) => record(outcome, intended));
    }).then(({ unanswered, shed }) => {
      tally.unanswered = unanswered;
      tally.shed = shed;
      tally.errors += unanswered + shed;
    });
  }
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await ops.close();
  return {
    model: spec.model,
    connections: spec.connections,
    rate: spec.rate,
    sent: tally.sent,
    ok: tally.ok,
    errors: tally.errors,
    unanswered: tally.unanswered,
    shed: tally.shed,
    errorSamples: [...tally.samples],
    elapsedMs,
    throughput: (tally.ok * 1000) / Math.min(elapsedMs, spec.model === 'open' ? spec.durationMs : elapsedMs),
    latency: summarise(histogram),
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(spec.splitRefusals
      ? { refused: { count: refusals.histogram.totalCount, byStatus: refusals.byStatus, latency: summarise(refusals.histogram) } }
      : {}),
  };
}

/**
 * Sends request i at t0 + i/rate whatever happened to the earlier ones, and
 * measures each from that intended time (no coordinated omission). Once half
 * a second's worth of requests (at least 32) is waiting, the system is
 * overloaded at this rate: further requests are shed, not sent, so that the
 * backlog it must work off afterwards stays small. Returns how many were shed
 * and how many were still unanswered at the drain deadline.
 */
async function openModel(
  spec: LoadSpec,
  t0: number,
  fire: (intended: number) => Promise<void>,
): Promise<{ unanswered: number; shed: number }> {
  const interval = 1000 / spec.rate;
  const total = Math.floor((spec.rate * spec.durationMs) / 1000);
  const maxPending = Math.max(32, Math.ceil(spec.rate / 2));
  let next = 0;
  let pending = 0;
  let shed = 0;
  let settled: () => void = () => {};
  const allSettled = new Promise<void>((resolve) => (settled = resolve));
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        const intended = t0 + next * interval;
        next++;
        if (pending >= maxPending) {
          shed++;
          continue;
        }
        pending++;
        void fire(intended).finally(() => {
          if (--pending === 0 && next >= total) settled();
        });
      }
      if (next >= total) return done();
      // Wake up at the next intended time (timers fire no earlier than 1 ms).
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now() - 0.5));
    };
    tick();
  });
  if (pending === 0) return { unanswered: 0, shed };
  const drainMs = Math.max(5_000, spec.durationMs / 2);
  await Promise.race([allSettled, new Promise((r) => setTimeout(r, drainMs))]);
  return { unanswered: pending, shed };
}

function summarise(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  if (histogram.totalCount === 0) return { p50: NaN, p90: NaN, p99: NaN, p999: NaN, max: NaN, mean: NaN };
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}
