import { freePort } from '@crossroads/db';
import { startServiceProcess, type ServiceName, type ServiceProcess } from '@crossroads/stack';

export interface OwnProcess {
  service: ServiceProcess;
  url: string;
  /** Every line it printed so far, stdout and stderr. */
  lines: string[];
  /** Its exit code once it has exited, else null. */
  exitCode(): number | null;
  /** Resolves when it has exited and its output is all read. */
  closed: Promise<void>;
}

/**
 * One service process of a suite's own, on a free port, with `env` over the
 * test's environment (CROSSROADS_ENV=test unless `env` says otherwise); its
 * output kept in memory, out of the shared services log.
 */
export async function startOwnProcess(name: ServiceName, env: NodeJS.ProcessEnv): Promise<OwnProcess> {
  const port = await freePort();
  const lines: string[] = [];
  const service = startServiceProcess(name, port, env, (_service, line) => lines.push(line), 60_000);
  const closed = new Promise<void>((resolve) => service.child.once('close', () => resolve()));
  return { service, url: `http://127.0.0.1:${port}/graphql`, lines, exitCode: () => service.child.exitCode, closed };
}

/** Starts a process that must refuse to start: resolves once it has exited, with what it printed. */
export async function refusedStart(name: ServiceName, env: NodeJS.ProcessEnv): Promise<{ exitCode: number | null; output: string }> {
  const own = await startOwnProcess(name, env);
  await own.service.ready.then(
    async () => {
      await own.service.stop();
      throw new Error(`${name} started, but it should have refused to:\n${own.lines.join('\n')}`);
    },
    () => undefined,
  );
  await own.closed;
  return { exitCode: own.exitCode(), output: own.lines.join('\n') };
}
