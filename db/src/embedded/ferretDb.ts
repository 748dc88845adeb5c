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

/**
 * The Go runtime's settings for FerretDB (decision 0022): a collection when the heap has grown
 * 4× past what survived the last one (Go's default: 2×), which halves the collector's share of a
 * large read for about 120 MiB of peak RSS instead of 60; and a soft ceiling at which the
 * collector works harder rather than let a very large read grow the heap without bound. The
 * environment of the starting process may set either (GOGC=off, GOMEMLIMIT=1GiB, …).
 */
export const FERRETDB_GO_RUNTIME: Readonly<Record<'GOGC' | 'GOMEMLIMIT', string>> = { GOGC: '400', GOMEMLIMIT: '512MiB' };

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
    { logFile: options.logFile, env: { ...FERRETDB_GO_RUNTIME, ...process.env, ...options.env } },
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
