import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureServerBinaries } from './binaries.js';
import { startFerretDb, type FerretDbOptions } from './ferretDb.js';
import { startPostgres } from './postgresCluster.js';

export interface EmbeddedServerOptions {
  /**
   * Where the cluster lives. Omit for a throw-away server in a fresh temporary
   * directory, removed on stop (tests); give `.data/` for one that keeps its
   * data between starts (the start command).
   */
  dataDir?: string;
  /** Another FerretDB binary (the stock build, for the differential test and measurements), extra environment, pprof address. */
  ferretdb?: Pick<FerretDbOptions, 'env' | 'debugAddr'> & { binary?: string };
}

export interface EmbeddedServer {
  /** MongoDB wire-protocol URI of FerretDB. */
  mongoUri: string;
  /** PostgreSQL URL of the database FerretDB stores into; used to add GIN indexes and EXPLAIN. */
  postgresUrl: string;
  /** Process ids, for the measurement scripts' CPU accounting. */
  ferretdbPid: number;
  postgresPid: number;
  stop(): Promise<void>;
}

const FERRETDB_DATABASE = 'ferretdb';

/**
 * Starts PostgreSQL 15 and FerretDB on free loopback ports: the MongoDB-compatible
 * server used wherever no MONGODB_URI is given. See docs/decisions/0001-embedded-ferretdb-on-postgresql.md.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const binaries = await ensureServerBinaries();
  const ephemeral = options.dataDir === undefined;
  // A fresh directory under /tmp (mode 1777) so that the postgres user can reach
  // it even when the checkout sits in a directory only root may enter.
  const root = ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-db-')) : reachableDataDir(path.resolve(options.dataDir!));
  fs.mkdirSync(root, { recursive: true });
  if (ephemeral) fs.chmodSync(root, 0o755);

  const postgres = await startPostgres({ binDir: binaries.postgresBinDir, dataDir: path.join(root, 'postgres'), durable: !ephemeral });
  try {
    await ensureDatabase(postgres.url('postgres'), FERRETDB_DATABASE);
    const ferret = await startFerretDb({
      ...options.ferretdb,
      binary: options.ferretdb?.binary ?? binaries.ferretdb,
      postgresUrl: postgres.url(FERRETDB_DATABASE),
      stateDir: path.join(root, 'ferretdb-state'),
      logFile: path.join(root, 'ferretdb.log'),
    });
    return {
      mongoUri: ferret.uri,
      postgresUrl: postgres.url(FERRETDB_DATABASE),
      ferretdbPid: ferret.pid,
      postgresPid: postgres.pid,
      async stop() {
        await ferret.stop();
        await postgres.stop();
        if (ephemeral) fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/**
 * As root the cluster runs as `postgres`, which cannot enter a checkout inside a
 * root-only directory (a `mktemp -d` clone, say). Then the data goes to a
 * directory of the same name under /var/tmp, which survives reboots like .data/.
 */
function reachableDataDir(dir: string): string {
  if (process.getuid?.() !== 0) return dir;
  const parent = fs.existsSync(dir) ? dir : path.dirname(dir);
  const probe = spawnSync('test', ['-x', parent], { uid: postgresUid() });
  if (probe.status === 0) return dir;
  const fallback = path.join('/var/tmp', `crossroads-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  process.stderr.write(`[crossroads] the postgres user cannot reach ${dir}; keeping the database in ${fallback}\n`);
  return fallback;
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
