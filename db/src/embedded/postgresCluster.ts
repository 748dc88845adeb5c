import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { spawnServer, waitUntilReady, type SpawnedServer } from './childProcess.js';
import { freePort } from './freePort.js';

export interface PostgresOptions {
  binDir: string;
  /** The cluster's data directory; created and initialised when empty. */
  dataDir: string;
  /**
   * false for throw-away test clusters: fsync off makes seeding several times
   * faster, at the price of a cluster that a power cut may corrupt.
   */
  durable: boolean;
  port?: number;
}

export interface RunningPostgres {
  port: number;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  /** Superuser URL on loopback (trust authentication; the cluster listens on 127.0.0.1 only). */
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root. When we are root, the cluster runs as the
 * `postgres` system user that Debian's package creates, and owns its directory.
 */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function initCluster(options: PostgresOptions, user: { uid: number; gid: number } | undefined): void {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(options.dataDir, user.uid, user.gid);
  const args = ['-D', options.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'];
  if (!options.durable) args.push('--no-sync');
  execFileSync(path.join(options.binDir, 'initdb'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
}

/** A postmaster left behind by a killed parent still holds the directory: stop it first. */
function stopStalePostmaster(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.1']);
  }
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const user = runAs();
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) initCluster(options, user);
  stopStalePostmaster(options.dataDir);
  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: '',
    // FerretDB prepares its statements with the JSON key as a parameter; a generic
    // plan cannot match our expression indexes, a custom plan can (FERRETDB.md).
    plan_cache_mode: 'force_custom_plan',
    max_connections: '200',
    logging_collector: 'off',
    log_min_messages: 'warning',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', options.dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const server: SpawnedServer = spawnServer(path.join(options.binDir, 'postgres'), args, {
    ...(user ?? {}),
    logFile: `${options.dataDir.replace(/\/$/, '')}.log`,
  });
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  await waitUntilReady(
    async () => {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      await client.end();
    },
    server,
    'PostgreSQL',
  );
  return {
    port,
    pid: server.child.pid!,
    url,
    // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to leave.
    stop: () => server.stop('SIGINT'),
  };
}
