import { execFileSync, spawn } from 'node:child_process';
import { installDebianPackage } from './installDebianPackage.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds (and, where missing, installs) the programs behind the embedded
 * database: PostgreSQL 15 from Debian, and FerretDB built from its Go module.
 * No prebuilt binary is downloaded: FerretDB is compiled from the module the Go
 * proxy serves, once per machine, into a cache outside the checkout.
 */

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
/**
 * Our patches to it (db/ferretdb/*.patch), applied in name order. The build's
 * version names their level, `v1.24.2+crossroads.6`: the cached binary is
 * rebuilt when it changes, and the subgraphs read it back from `buildInfo` to
 * know that `$in` is pushed down (shared/src/mongo/serverKind.ts).
 */
const PATCH_LEVEL = 6;
export const FERRETDB_BUILD = `${FERRETDB_VERSION}+crossroads.${PATCH_LEVEL}`;
const PATCH_DIR = fileURLToPath(new URL('../../ferretdb/', import.meta.url));
const POSTGRES_CANDIDATES = ['/usr/lib/postgresql/15/bin'];

export interface ServerBinaries {
  postgresBinDir: string;
  ferretdb: string;
}

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'crossroads');
}

export function ferretDbPath(): string {
  return process.env.FERRETDB_BIN ?? path.join(cacheDir(), `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
}

/**
 * FerretDB as released, built from the same module without our patches: the
 * reference the differential test (test/src/ferretDbDifferential.e2e.ts)
 * compares our build with, and the measurement scripts' baseline.
 */
export function stockFerretDbPath(): string {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

export function findPostgresBinDir(): string | undefined {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  const candidates = fromEnv ? [fromEnv] : POSTGRES_CANDIDATES;
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb')));
}

let log = (message: string): void => void process.stderr.write(`[crossroads] ${message}\n`);

/**
 * Runs a long step (a download, a compilation) with its output kept in a log file rather than on the terminal,
 * saying every 15 s that it is still going, and printing the log's tail if it fails.
 */
async function runStep(
  label: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
  logFile: string,
) {
  const started = Date.now();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const ticker = setInterval(() => log(`  ${label}… ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => child.once('exit', resolve).once('error', reject));
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`${label} failed (${command} exited ${code}); the end of ${logFile}:\n${tail}`);
    }
  } finally {
    clearInterval(ticker);
  }
  log(`  ${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function installPostgres(): void {
  log('installing PostgreSQL 15 from Debian (apt-get install postgresql-15)…');
  installDebianPackage('postgresql-15', {
    missing: 'PostgreSQL 15 is not installed (or set MONGODB_URI to an existing MongoDB)',
  });
}

/**
 * FerretDB 1.24's `go install` binary panics at start because the module has no
 * build/version/version.txt (its release process generates it). So the module
 * source is taken from the Go module cache, our patches applied, the version
 * file added, and built.
 */
async function buildFerretDb(target: string, patched: boolean): Promise<void> {
  const version = patched ? FERRETDB_BUILD : FERRETDB_VERSION;
  log(
    patched
      ? `building FerretDB ${version} from its Go module, with our patches (once per machine, about 2 minutes):`
      : `building FerretDB ${version} from its Go module as released, for the differential test (once per machine):`,
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const logFile = path.join(path.dirname(target), patched ? 'build.log' : 'build-stock.log');
  fs.writeFileSync(logFile, '');
  log(`  1/3 downloading the module and its dependencies (go's output in ${logFile})…`);
  await runStep('downloading', 'go', ['mod', 'download', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {}, logFile);
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { Dir: string };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-build-'));
  try {
    fs.cpSync(info.Dir, work, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', work]);
    for (const patch of patched ? ferretDbPatches() : []) {
      execFileSync('patch', ['-p1', '--forward', '--batch', '--input', patch], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    fs.writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${version}\n`);
    const tmpTarget = `${target}.tmp-${process.pid}`;
    log('  2/3 downloading what the build needs…');
    await runStep('downloading', 'go', ['mod', 'download'], { cwd: work, env: { ...process.env, GOFLAGS: '-buildvcs=false' } }, logFile);
    log('  3/3 compiling (the longest step: a minute or two on two cores)…');
    await runStep(
      'compiling',
      'go',
      ['build', '-trimpath', '-tags', 'ferretdb_no_sqlite', '-o', tmpTarget, './cmd/ferretdb'],
      { cwd: work, env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' } },
      logFile,
    );
    fs.renameSync(tmpTarget, target); // atomic: a concurrent start never sees half a binary
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function ferretDbPatches(): string[] {
  const patches = fs
    .readdirSync(PATCH_DIR)
    .filter((name) => name.endsWith('.patch'))
    .sort()
    .map((name) => path.join(PATCH_DIR, name));
  if (patches.length !== PATCH_LEVEL) {
    throw new Error(`db/ferretdb/ holds ${patches.length} patches but PATCH_LEVEL is ${PATCH_LEVEL}: raise it with each new patch.`);
  }
  return patches;
}

/** Finds or installs PostgreSQL 15 and FerretDB; `onProgress` hears each step of a first build (default: stderr). */
export async function ensureServerBinaries(options: { onProgress?: (message: string) => void } = {}): Promise<ServerBinaries> {
  if (options.onProgress) log = options.onProgress;
  let postgresBinDir = findPostgresBinDir();
  if (!postgresBinDir) {
    installPostgres();
    postgresBinDir = findPostgresBinDir();
    if (!postgresBinDir) throw new Error('PostgreSQL 15 was installed but its binaries are not in /usr/lib/postgresql/15/bin.');
  }
  const ferretdb = ferretDbPath();
  if (!fs.existsSync(ferretdb)) await buildFerretDb(ferretdb, true);
  return { postgresBinDir, ferretdb };
}

/** The stock build (stockFerretDbPath), built once per machine when missing. */
export async function ensureStockFerretDb(): Promise<string> {
  const stock = stockFerretDbPath();
  if (!fs.existsSync(stock)) await buildFerretDb(stock, false);
  return stock;
}
