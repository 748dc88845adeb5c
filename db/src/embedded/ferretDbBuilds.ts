import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureServerBinaries } from './binaries.js';
import { startFerretDb, type RunningFerretDb } from './ferretDb.js';
import { startPostgres } from './postgresCluster.js';

export interface FerretDbBuild {
  /** The binary this server runs. */
  binary: string;
  mongoUri: string;
  /** The PostgreSQL database it stores into (one per build). */
  postgresUrl: string;
  pid: number;
}

export interface FerretDbBuilds {
  builds: FerretDbBuild[];
  stop(): Promise<void>;
}

/**
 * Several FerretDB binaries side by side over one throw-away PostgreSQL
 * cluster, each with a database of its own: what the differential test
 * (our build against the stock one) and the measurement scripts need.
 */
export async function startFerretDbBuilds(binaries: string[]): Promise<FerretDbBuilds> {
  const { postgresBinDir } = await ensureServerBinaries();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-builds-'));
  fs.chmodSync(root, 0o755); // reachable by the postgres user when we are root
  const postgres = await startPostgres({ binDir: postgresBinDir, dataDir: path.join(root, 'postgres'), durable: false });
  const running: RunningFerretDb[] = [];
  const stop = async () => {
    await Promise.all(running.map((f) => f.stop()));
    await postgres.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    const builds: FerretDbBuild[] = [];
    for (const [i, binary] of binaries.entries()) {
      const database = `ferretdb_${i}`;
      await createDatabase(postgres.url('postgres'), database);
      const ferret = await startFerretDb({
        binary,
        postgresUrl: postgres.url(database),
        stateDir: path.join(root, `ferretdb-state-${i}`),
        logFile: path.join(root, `ferretdb-${i}.log`),
      });
      running.push(ferret);
      builds.push({ binary, mongoUri: ferret.uri, postgresUrl: postgres.url(database), pid: ferret.pid });
    }
    return { builds, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
