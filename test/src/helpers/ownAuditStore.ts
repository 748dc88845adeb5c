import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@crossroads/db';
import { MongoClient } from 'mongodb';
import pg from 'pg';
// Not exported from @crossroads/db: the embedded server's parts are reached by path, as the audit tooling is.
import { ferretDbPath } from '../../../db/src/embedded/binaries.js';
import { spawnServer, waitUntilReady } from '../../../db/src/embedded/childProcess.js';

export interface OwnAuditStore {
  /** The MongoDB URI of this store alone: give it as AUDIT_MONGODB_URI, and to verify as MONGODB_URI. */
  uri: string;
  /** SIGSTOP: the store stops answering, connections stay open, as a hung server does. */
  pause(): void;
  /** SIGCONT: it answers again, and handles what it received meanwhile. */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * An audit store of a suite's own: a second FerretDB process, on the run's
 * PostgreSQL but in a database of its own, so that the suite can stall it or
 * tamper with it without touching the trail the other suites read and verify.
 */
export async function startOwnAuditStore(postgresUrl: string, name: string): Promise<OwnAuditStore> {
  const database = `audit_${name.replace(/[^a-z0-9_]/gi, '_')}_${process.pid}`;
  const admin = new URL(postgresUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  const target = new URL(postgresUrl);
  target.pathname = `/${database}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-own-audit-'));
  const port = await freePort();
  const server = spawnServer(
    ferretDbPath(),
    [
      '--handler=postgresql',
      `--postgresql-url=${target.toString()}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
      '--log-format=json',
    ],
    { logFile: path.join(dir, 'ferretdb.log') },
  );
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitUntilReady(
    async () => {
      const probe = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
      try {
        await probe.db('admin').command({ ping: 1 });
      } finally {
        await probe.close();
      }
    },
    server,
    'the suite’s own FerretDB',
  );
  return {
    uri,
    pause: () => void server.child.kill('SIGSTOP'),
    resume: () => void server.child.kill('SIGCONT'),
    async stop() {
      server.child.kill('SIGCONT');
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
