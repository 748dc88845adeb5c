import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot, serviceCommand, type ServiceName } from './services.js';

export interface ServiceProcess {
  name: ServiceName;
  /** Which copy of the service, from 1, when it runs in replicas. */
  replica: number;
  port: number;
  /** Its METRICS_PORT, when it serves metrics. */
  metricsPort?: number;
  child: ChildProcess;
  /** Resolves when GET /health/ready answers 200; rejects when the process exits first or `timeoutMs` passes. */
  ready: Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export type LineSink = (service: ServiceName, line: string) => void;

export interface ServiceProcessOptions {
  /** Run the compiled output (`npm run build`) with node, as production does; default: the sources through tsx. */
  compiled?: boolean;
  replica?: number;
  metricsPort?: number;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts one service as its own Node process, as it runs in production, with its output sent line by line to `sink`. */
export function startServiceProcess(
  name: ServiceName,
  port: number,
  env: NodeJS.ProcessEnv,
  sink: LineSink,
  timeoutMs = 180_000,
  options: ServiceProcessOptions = {},
): ServiceProcess {
  const child = spawn(process.execPath, serviceCommand(name, options.compiled ?? false), {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      [name === 'gateway' ? 'GATEWAY_PORT' : 'PORT']: String(port),
      ...(options.metricsPort !== undefined ? { METRICS_PORT: String(options.metricsPort) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => sink(name, line));
  }
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const ready = waitUntilReady(port, timeoutMs, exited, name);
  ready.catch(() => {});
  return {
    name,
    replica: options.replica ?? 1,
    port,
    ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
    child,
    ready,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Waits for the service to say it can serve (GET /health/ready: its database, the audit store and a policy set
 * available), not merely for its port to open.
 */
async function waitUntilReady(port: number, timeoutMs: number, exited: Promise<void>, name: string): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`${name} exited before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_500) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms`);
}
