import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { phases } from '../timing.js';
import { singleProcess, type ProcessGroup } from '../measure/processGroups.js';
import { nodeArgs } from '../system/entryPoints.js';
import type { LoadResult, LoadSpec, WorkerMessage } from './protocol.js';

export interface LoadRun {
  result: LoadResult;
  /** CPU ms per process group between the generator's start and its result (the generator included, as `loadgen`). */
  cpuMs: Record<string, number>;
}

/**
 * Runs one load in a fresh generator process and samples the CPU time of
 * `groups` from the moment the generator starts sending until it reports.
 */
export async function runLoad(spec: LoadSpec, groups: ProcessGroup[]): Promise<LoadRun> {
  const forkedAt = performance.now();
  let startedAt = forkedAt;
  const args = nodeArgs('loadgen'); // the compiled worker, as the services run
  const child = fork(args.at(-1)!, [], { execArgv: args.slice(0, -1), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const generator = singleProcess('loadgen', child.pid!);
  const all = [...groups, generator];
  let before: Record<string, number> = {};
  const hardLimit = spec.durationMs + Math.max(30_000, spec.durationMs);
  try {
    return await new Promise<LoadRun>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the load generator did not finish in time')), hardLimit + 20_000);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'started') {
          before = Object.fromEntries(all.map((g) => [g.name, g.cpuMs()]));
          startedAt = performance.now();
          phases.add('load generator: fork until ready', startedAt - forkedAt);
        } else {
          const after = Object.fromEntries(all.map((g) => [g.name, g.cpuMs()]));
          phases.add(`load: ${spec.model} model, sending and draining`, performance.now() - startedAt);
          clearTimeout(timer);
          if (message.type === 'failed') return reject(new Error(`load generator: ${message.message}`));
          const cpuMs = Object.fromEntries(all.map((g) => [g.name, after[g.name]! - (before[g.name] ?? 0)]));
          // The generator's own CPU from inside is finer than /proc's 10 ms ticks.
          cpuMs.loadgen = message.result.cpuMs;
          resolve({ result: message.result, cpuMs });
        }
      });
      child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) before its result`)));
      child.send(spec);
    });
  } finally {
    child.kill();
  }
}
