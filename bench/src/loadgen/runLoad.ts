import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { singleProcess, type ProcessGroup } from '../measure/processGroups.js';
import type { LoadResult, LoadSpec, WorkerMessage } from './protocol.js';

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

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
  const child = fork(workerFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const generator = singleProcess('loadgen', child.pid!);
  const all = [...groups, generator];
  let before: Record<string, number> = {};
  const hardLimit = spec.durationMs + Math.max(30_000, spec.durationMs);
  try {
    return await new Promise<LoadRun>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the load generator did not finish in time')), hardLimit + 20_000);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'started') before = Object.fromEntries(all.map((g) => [g.name, g.cpuMs()]));
        else {
          clearTimeout(timer);
          if (message.type === 'failed') return reject(new Error(`load generator: ${message.message}`));
          const after = Object.fromEntries(all.map((g) => [g.name, g.cpuMs()]));
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
