import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface Spawned {
  name: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

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
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready (see ${options.logFile})`);
    }
    try {
      const response = await fetch(options.healthUrl, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return spawned;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await spawned.stop();
  throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 60_000} ms (see ${options.logFile})`);
}
