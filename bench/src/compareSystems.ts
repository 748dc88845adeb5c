import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseGroups } from './measure/processGroups.js';
import type { BenchOptions } from './options.js';
import type { SystemRound } from './report/types.js';
import { bulk } from './scenarios/bulk.js';
import { singlePerson } from './scenarios/singlePerson.js';
import type { BenchDatabase } from './system/database.js';
import type { Target } from './loadgen/client.js';
import type { RunningSubgraphs } from './system/ourServices.js';
import { phases } from './timing.js';
import {
  startFront,
  startSubgraphs,
  subgraphKey,
  subgraphLayers,
  systemGroups,
  systems,
  type RunningSystem,
  type SystemSpec,
} from './system/systems.js';

/** How much longer the first system over freshly started subgraphs warms up. */
const FIRST_WARMUP_FACTOR = 6;

/** One system's turn in one round, over the subgraphs of its group. */
interface Turn {
  round: number;
  /** The systems sharing this turn's subgraphs, and this one's place among them. */
  specs: SystemSpec[];
  index: number;
  spec: SystemSpec;
  /** The round and the group of subgraphs. */
  groupKey: string;
  logDir: string;
}

/** What a --quick run adds to the comparison (everything optional; a full run uses none of it). */
export interface CompareHooks {
  /** The MongoDB the subgraphs of `spec` reach (default: the database's own address). */
  mongoUri?(spec: SystemSpec): string;
  /** Runs after a system's scenarios, over the same processes, before its front stops. */
  afterTurn?(spec: SystemSpec, round: number, target: Target): Promise<void>;
}

/**
 * Every system under test, round after round (A-B-C-D, A-B-C-D, …), over the
 * same database. Systems that need the same subgraphs share one start of them;
 * each gets a fresh front process. With `options.overlap` (--quick), the next
 * system's front and the next group's subgraphs start while the current system
 * is measured, and processes are stopped without waiting for them.
 */
export async function compareSystems(
  db: BenchDatabase,
  options: BenchOptions,
  workDir: string,
  log: (m: string) => void,
  notes: string[],
  hooks: CompareHooks = {},
): Promise<SystemRound[]> {
  const rounds: SystemRound[] = [];
  const groupsOfSubgraphs = new Map<string, SystemSpec[]>();
  for (const spec of systems) {
    const key = subgraphKey(subgraphLayers(spec));
    groupsOfSubgraphs.set(key, [...(groupsOfSubgraphs.get(key) ?? []), spec]);
  }
  const turns: Turn[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const [key, specs] of groupsOfSubgraphs) {
      const logDir = path.join(workDir, 'logs', `round-${round}`, key);
      for (const [index, spec] of specs.entries()) turns.push({ round, specs, index, spec, groupKey: `${round}/${key}`, logDir });
    }
  }
  const database = databaseGroups(db.mongoUri, db.postgresUrl);
  const subgraphStarts = new Starts<RunningSubgraphs>();
  const frontStarts = new Starts<RunningSystem>();
  const subgraphsOf = (turn: Turn) =>
    subgraphStarts.get(turn.groupKey, () => {
      fs.mkdirSync(turn.logDir, { recursive: true });
      return phases.time('subgraphs: start (four, in parallel)', () =>
        startSubgraphs(hooks.mongoUri?.(turn.spec) ?? db.mongoUri, subgraphLayers(turn.spec), turn.logDir),
      );
    });
  const frontOf = (k: number) =>
    frontStarts.get(String(k), async () => {
      const turn = turns[k]!;
      const subgraphs = await subgraphsOf(turn);
      return phases.time(`front: start (${turn.spec.front})`, () =>
        startFront(turn.spec, subgraphs, workDir, turn.logDir, [], db.mongoUri),
      );
    });
  const stopping: Promise<void>[] = [];
  const stop = async (what: Promise<void>) => {
    if (options.overlap) stopping.push(what.catch(() => {}));
    else await what;
  };
  try {
    for (const [k, turn] of turns.entries()) {
      const subgraphs = await subgraphsOf(turn);
      const front = frontOf(k);
      if (options.overlap) {
        // Once this system is up: the next one's front, and at a group's first system the next group's subgraphs.
        const ahead = () => {
          const nextGroup = turns.find((t, j) => j > k && t.groupKey !== turn.groupKey);
          if (turn.index === 0 && nextGroup) void subgraphsOf(nextGroup);
          if (k + 1 < turns.length) void frontOf(k + 1);
        };
        front.then(ahead, ahead);
      }
      log(`round ${turn.round}/${options.rounds}: ${turn.spec.label} (load average ${os.loadavg()[0]!.toFixed(1)})`);
      try {
        // The first system over freshly started subgraphs would otherwise pay for their warm-up
        // (JIT, connection pools, the employer cache) and look slower than the next ones: measured,
        // everything on at 33 req/s then the preventive check off at 57 over the same subgraphs.
        const warmupMs = options.warmupS * 1000 * (turn.index === 0 ? FIRST_WARMUP_FACTOR : 1);
        rounds.push(
          await oneTurn(turn, front, () => frontStarts.stop(String(k)), subgraphs, database, db, options, log, warmupMs, stop, hooks),
        );
      } catch (error) {
        const message = `round ${turn.round}, ${turn.spec.label}: ${error instanceof Error ? error.message : String(error)}`;
        log(`  FAILED ${message}`);
        notes.push(`Failed: ${message}`);
      }
      if (turns[k + 1]?.groupKey !== turn.groupKey) {
        await stop(phases.time('subgraphs: stop (four, in parallel)', () => subgraphStarts.stop(turn.groupKey)));
      }
    }
  } finally {
    // Whatever was started ahead and not used (a failure ended the comparison early).
    await Promise.all([...stopping, frontStarts.stopAll(), subgraphStarts.stopAll()]);
  }
  return rounds;
}

async function oneTurn(
  turn: Turn,
  front: Promise<RunningSystem>,
  stopFront: () => Promise<void>,
  subgraphs: RunningSubgraphs,
  database: ReturnType<typeof databaseGroups>,
  db: BenchDatabase,
  options: BenchOptions,
  log: (m: string) => void,
  warmupMs: number,
  stop: (what: Promise<void>) => Promise<void>,
  hooks: CompareHooks,
): Promise<SystemRound> {
  const { spec } = turn;
  const system = await front;
  try {
    const groups = systemGroups(system, subgraphs, database);
    for (const g of groups) g.resetPeak();
    const context = { target: system.target, groups, ssinsFile: db.ssinsFile };
    const single = await phases.time('single person (whole scenario)', () =>
      singlePerson(
        context,
        {
          warmupMs,
          durationMs: options.durationS * 1000,
          connections: options.connections,
          targetRate: options.targetRate,
          fractions: options.openFractions,
          minOpenRequests: options.openMinRequests,
        },
        log,
      ),
    );
    const bulkResult = spec.bulk
      ? await phases.time('bulk (whole scenario)', () =>
          bulk(context, db.ssins, { sizes: options.bulkSizes, repeats: options.bulkRepeats, manyPersons: options.bulkManyPersons }, groups),
        )
      : null;
    if (bulkResult) {
      const many = bulkResult.tenThousand;
      log(
        `    bulk: ${bulkResult.sizes.map((s) => `${s.size}: ${s.msPerCall.toFixed(1)} ms${s.errors ? ` (${s.errors} err)` : ''}`).join(', ')}; ` +
          `${(many.calls * (many.callSize ?? 1_000)).toLocaleString('en')}: ${many.totalMs.toFixed(0)} ms${many.errors ? ` (${many.errors} err)` : ''}`,
      );
    }
    const peakRssMiB = Object.fromEntries(groups.map((g) => [g.name, g.peakRssMiB()]));
    await hooks.afterTurn?.(spec, turn.round, system.target);
    return {
      system: spec.id,
      label: spec.label,
      round: turn.round,
      single,
      bulk: bulkResult,
      peakRssMiB,
    };
  } finally {
    await stop(phases.time(`front: stop (${spec.front})`, stopFront));
  }
}

/** Processes started once each, when first asked for: at their turn, or ahead of it. */
class Starts<T extends { stop(): Promise<void> }> {
  private readonly started = new Map<string, Promise<T>>();

  get(key: string, start: () => Promise<T>): Promise<T> {
    let started = this.started.get(key);
    if (!started) {
      started = start();
      // Started ahead, a failure is reported when its turn awaits it, not as an unhandled rejection before.
      started.catch(() => {});
      this.started.set(key, started);
    }
    return started;
  }

  /** Stops what was started under `key` (nothing if its start failed). */
  async stop(key: string): Promise<void> {
    const started = this.started.get(key);
    this.started.delete(key);
    await started?.then(
      (x) => x.stop(),
      () => {},
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.started.keys()].map((key) => this.stop(key)));
  }
}
