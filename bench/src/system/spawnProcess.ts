import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readStat } from '../measure/proc.js';
import { phases } from '../timing.js';

export interface Spawned {
  name: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * How long a process may take to answer its health check by default. A
 * --quick run raises it: it starts processes ahead, several at once, and on a
 * busy machine a start can take longer than a minute without anything being wrong.
 */
export const readiness = { timeoutMs: 60_000 };

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts a process with its output appended to a log file (not piped through
 * the bench process, whose CPU would then depend on how much each system logs),
 * and waits until `healthUrl` answers 200.
 */
export async function spawnProcess(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  healthUrl: string;
  timeoutMs?: number;
}): Promise<Spawned> {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const spawned: Spawned = {
    name: options.name,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const t = performance.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      phases.add(`stop ${options.name}`, performance.now() - t);
    },
  };
  const startedAt = performance.now();
  const deadline = Date.now() + (options.timeoutMs ?? readiness.timeoutMs);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready (see ${options.logFile})`);
    }
    try {
      const response = await fetch(options.healthUrl, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) {
        phases.add(`start ${options.name}`, performance.now() - startedAt);
        phases.add(`start ${options.name}, CPU time`, readStat(child.pid!)?.cpuMs ?? 0);
        return spawned;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await spawned.stop();
  throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? readiness.timeoutMs} ms (see ${options.logFile})`);
}
