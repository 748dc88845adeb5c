import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/** Children still running when this process exits are killed, so a crash or Ctrl-C never leaves servers behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SpawnedServer {
  child: ChildProcess;
  /** Sends `signal`, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  /** Rejects when the process exits before `stop` was called. */
  exited: Promise<never>;
}

/** Spawns a server whose output goes to `logFile` (not to our stdout: it is not ours to show). */
export function spawnServer(command: string, args: string[], options: SpawnOptions & { logFile: string }): SpawnedServer {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { ...options, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(child);
  let stopping = false;
  const exitedOnce = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
    // A binary that cannot be started (missing, not executable) emits 'error' and never 'exit'.
    child.once('error', () => {
      running.delete(child);
      resolve(null);
    });
  });
  const exited = exitedOnce.then((code) => {
    if (stopping) return new Promise<never>(() => {});
    throw new Error(`${command} exited with code ${code}; see ${options.logFile}`);
  });
  exited.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  return {
    child,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedOnce;
      clearTimeout(timer);
    },
  };
}

/** Retries `probe` until it resolves or `timeoutMs` passes; fails early if the server exits. */
export async function waitUntilReady(
  probe: () => Promise<unknown>,
  server: SpawnedServer,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await Promise.race([probe(), server.exited]);
      return;
    } catch (error) {
      if (server.child.exitCode !== null || server.child.pid === undefined) throw error; // exited, or never started
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}
