import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareSystems } from './compareSystems.js';
import type { BenchOptions } from './options.js';
import { repoRoot } from './paths.js';
import type { BenchResults, DbCommands, GrowthPoint, Machine, ProfileSummary, SystemRound } from './report/types.js';
import { countDbCommands } from './scenarios/dbCommands.js';
import { growthPoint } from './scenarios/growth.js';
import { profileGateway } from './scenarios/profile.js';
import { startDatabase } from './system/database.js';

/** The whole benchmark: per population size a fresh seeded database; at the main size every system and scenario. */
export async function runBench(options: BenchOptions, workDir: string, log: (m: string) => void): Promise<BenchResults> {
  const startedAt = new Date();
  const notes: string[] = [];
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ');
  notes.push(
    `Load average (1/5/15 min) at the start: ${load()} — anything above zero comes from outside the bench (other work on the machine).`,
  );
  if (options.build) {
    log('composing the supergraph (npm run build)…');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  let rounds: SystemRound[] = [];
  let dbCommands: DbCommands | undefined;
  let profile: ProfileSummary | undefined;
  const growth: GrowthPoint[] = [];
  const loads = { warmupMs: options.warmupS * 1000, durationMs: options.durationS * 1000, connections: options.connections };
  for (const size of options.sizes) {
    const t = performance.now();
    const db = await startDatabase({
      persons: size,
      seed: options.seed,
      ...(options.mongoUri ? { mongoUri: options.mongoUri } : {}),
      workDir,
      onProgress: (m) => log(`  ${m}`),
    });
    log(`${db.persons.toLocaleString('en')} persons ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    try {
      const logDir = path.join(workDir, 'logs', `size-${size}`);
      fs.mkdirSync(logDir, { recursive: true });
      if (size === options.mainSize) {
        rounds = await compareSystems(db, options, workDir, log, notes);
        log('counting database commands per call…');
        dbCommands = await countDbCommands(db.mongoUri, db.ssins, logDir).catch((error: unknown) => {
          notes.push(`DB command count failed: ${String(error)}`);
          return undefined;
        });
        if (options.profile) {
          log('profiling the gateway under saturation (node --cpu-prof)…');
          profile = await profileGateway(db, loads, path.join(workDir, 'profile'), logDir).catch((error: unknown) => {
            notes.push(`Profile failed: ${String(error)}`);
            return undefined;
          });
        }
      }
      log(`population growth at ${size.toLocaleString('en')} persons…`);
      growth.push(await growthPoint(db, { ...loads, targetRate: options.targetRate }, logDir));
    } finally {
      await db.stop();
    }
  }
  notes.push(`Load average at the end: ${load()}.`);
  const finishedAt = new Date();
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    elapsedS: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    machine: machine(),
    options,
    mainSize: options.mainSize,
    rounds,
    ...(dbCommands ? { dbCommands } : {}),
    growth,
    ...(profile ? { profile } : {}),
    notes,
  };
}

function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    database: 'FerretDB 1.24 on PostgreSQL 15 (embedded, throw-away, fsync off)',
  };
}
