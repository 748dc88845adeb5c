import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareSystems } from './compareSystems.js';
import type { BenchOptions } from './options.js';
import { repoRoot } from './paths.js';
import type { BenchResults, DbCommands, GrowthPoint, Machine, ProfileSummary, SystemRound } from './report/types.js';
import { CommandCounter } from './measure/commandCounter.js';
import { countCalls, countDbCommands } from './scenarios/dbCommands.js';
import { overload, type OverloadResult } from './scenarios/overload.js';
import { registerFollowers, type DirectoryRegistration } from './scenarios/registerFollowers.js';
import { growthPoint, measureGrowth } from './scenarios/growth.js';
import { profileGateway } from './scenarios/profile.js';
import { startDatabase } from './system/database.js';
import { readiness } from './system/spawnProcess.js';
import { subgraphLayers } from './system/systems.js';
import { phases } from './timing.js';

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
    // The production build: the services and the load generator run compiled, with node, as production does.
    log('building (npm run build: the supergraph, and every package compiled to dist/)…');
    const t = performance.now();
    execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    phases.add('build', performance.now() - t);
  }
  if (options.overlap) readiness.timeoutMs = 180_000;
  let rounds: SystemRound[] = [];
  let dbCommands: DbCommands | undefined;
  let profile: ProfileSummary | undefined;
  const growth: GrowthPoint[] = [];
  const directory: DirectoryRegistration[] = [];
  let overloadResult: OverloadResult | undefined;
  const loads = { warmupMs: options.warmupS * 1000, durationMs: options.durationS * 1000, connections: options.connections };
  for (const size of options.sizes) {
    const t = performance.now();
    const db = await phases.time('database: start and seed', () =>
      startDatabase({
        persons: size,
        seed: options.seed,
        ...(options.mongoUri ? { mongoUri: options.mongoUri } : {}),
        workDir,
        onProgress: (m) => log(`  ${m}`),
      }),
    );
    log(`${db.persons.toLocaleString('en')} persons ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    try {
      const logDir = (phase: string) => {
        const dir = path.join(workDir, 'logs', `size-${size}`, phase);
        fs.mkdirSync(dir, { recursive: true });
        return dir;
      };
      // The bench's partner reads only the persons it follows: it registers them all first, which is measured.
      log('registering the population in the reference directory (followMany, batches of 10,000)…');
      const registered = await phases.time('reference directory: register the population', () =>
        registerFollowers(db, logDir('directory')),
      );
      directory.push(registered);
      log(
        `  ${registered.entries.toLocaleString('en')} entries in ${(registered.ms / 1000).toFixed(1)} s: ${registered.entriesPerSecond.toFixed(0)} a second`,
      );
      const countCommands = async (count: () => Promise<DbCommands>) => {
        log('counting database commands per call…');
        dbCommands = await phases.time('database commands (whole phase)', count).catch((error: unknown) => {
          notes.push(`DB command count failed: ${String(error)}`);
          return undefined;
        });
      };
      const growthOptions = { ...loads, targetRate: options.targetRate };
      const growthHere = async (measure: () => Promise<GrowthPoint>) => {
        log(`population growth at ${size.toLocaleString('en')} persons…`);
        growth.push(await phases.time('growth (whole phase)', measure));
      };
      // --quick: the DB-command count and the growth point at the main size are taken on the comparison's
      // first system (everything on), whose subgraphs reach the database through the counting proxy,
      // instead of on processes of their own.
      const shared = size === options.mainSize && options.overlap;
      if (shared) {
        const counter = new CommandCounter(db.mongoUri);
        const countingUri = await counter.start();
        try {
          rounds = await compareSystems(db, options, workDir, log, notes, {
            mongoUri: (spec) => (subgraphLayers(spec).length === 0 ? countingUri : db.mongoUri),
            afterTurn: async (spec, round, target) => {
              if (spec.id !== 'all-on' || round !== 1) return;
              await countCommands(() => countCalls(counter, target, db.ssins, options.bulkSizes));
              await growthHere(() => measureGrowth(db, target, growthOptions));
            },
          });
        } finally {
          await counter.stop();
        }
      } else if (size === options.mainSize) {
        rounds = await compareSystems(db, options, workDir, log, notes);
        await countCommands(() => countDbCommands(db.mongoUri, db.ssins, options.bulkSizes, logDir('db-commands')));
      }
      if (size === options.mainSize) {
        const saturations = rounds.filter((r) => r.system === 'all-on').map((r) => r.single.saturation.result.throughput);
        const saturation = saturations.sort((a, b) => a - b)[Math.floor(saturations.length / 2)];
        if (saturation) {
          log(`overload: twice the saturation (${(saturation * 2).toFixed(0)} req/s) against a gateway that sheds load…`);
          overloadResult = await phases
            .time('overload', () => overload(db, saturation, { durationMs: options.durationS * 1000 }, logDir('overload')))
            .catch((error: unknown) => {
              notes.push(`Overload scenario failed: ${String(error)}`);
              return undefined;
            });
        }
      }
      if (size === options.mainSize && options.profile) {
        log('profiling the gateway under saturation (node --cpu-prof)…');
        profile = await profileGateway(db, loads, path.join(workDir, 'profile'), logDir('profile')).catch((error: unknown) => {
          notes.push(`Profile failed: ${String(error)}`);
          return undefined;
        });
      }
      if (!shared) await growthHere(() => growthPoint(db, growthOptions, logDir('growth')));
    } finally {
      await phases.time('database: stop', () => db.stop());
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
    directory,
    ...(overloadResult ? { overload: overloadResult } : {}),
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
