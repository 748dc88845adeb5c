import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { spawnServer, waitUntilReady } from './childProcess.js';
import { freePort } from './freePort.js';

export interface FerretDbOptions {
  binary: string;
  postgresUrl: string;
  stateDir: string;
  logFile: string;
  port?: number;
  /** Extra environment for the server (GOGC, GOMEMLIMIT: the measurement scripts try other settings). */
  env?: Record<string, string>;
  /** `host:port` for FerretDB's debug handlers (pprof), for profiling; off by default. */
  debugAddr?: string;
}

export interface RunningFerretDb {
  port: number;
  pid: number;
  uri: string;
  stop(): Promise<void>;
}

export async function startFerretDb(options: FerretDbOptions): Promise<RunningFerretDb> {
  fs.mkdirSync(options.stateDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = spawnServer(
    options.binary,
    [
      '--handler=postgresql',
      `--postgresql-url=${options.postgresUrl}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${options.stateDir}`,
      '--telemetry=disable',
      `--debug-addr=${options.debugAddr ?? '-'}`,
      '--log-level=warn',
      '--log-format=json',
    ],
    { logFile: options.logFile, env: { ...process.env, ...options.env } },
  );
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitUntilReady(
    async () => {
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
      try {
        await client.db('admin').command({ ping: 1 });
      } finally {
        await client.close();
      }
    },
    server,
    'FerretDB',
  );
  return { port, pid: server.child.pid!, uri, stop: () => server.stop('SIGTERM') };
}
