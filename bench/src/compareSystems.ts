import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseGroups } from './measure/processGroups.js';
import type { BenchOptions } from './options.js';
import type { SystemRound } from './report/types.js';
import { bulk } from './scenarios/bulk.js';
import { singlePerson } from './scenarios/singlePerson.js';
import type { BenchDatabase } from './system/database.js';
import { startFront, startSubgraphs, subgraphKey, subgraphLayers, systemGroups, systems, type SystemSpec } from './system/systems.js';

/** How much longer the first system over freshly started subgraphs warms up. */
const FIRST_WARMUP_FACTOR = 6;

/**
 * Every system under test, round after round (A-B-C-D, A-B-C-D, …), over the
 * same database. Systems that need the same subgraphs share one start of them;
 * each gets a fresh front process.
 */
export async function compareSystems(
  db: BenchDatabase,
  options: BenchOptions,
  workDir: string,
  log: (m: string) => void,
  notes: string[],
): Promise<SystemRound[]> {
  const rounds: SystemRound[] = [];
  const groupsOfSubgraphs = new Map<string, SystemSpec[]>();
  for (const spec of systems) {
    const key = subgraphKey(subgraphLayers(spec));
    groupsOfSubgraphs.set(key, [...(groupsOfSubgraphs.get(key) ?? []), spec]);
  }
  const database = databaseGroups(db.mongoUri, db.postgresUrl);
  for (let round = 1; round <= options.rounds; round++) {
    for (const specs of groupsOfSubgraphs.values()) {
      const logDir = path.join(workDir, 'logs', `round-${round}`, subgraphKey(subgraphLayers(specs[0]!)));
      fs.mkdirSync(logDir, { recursive: true });
      const subgraphs = await startSubgraphs(db.mongoUri, subgraphLayers(specs[0]!), logDir);
      try {
        for (const [i, spec] of specs.entries()) {
          log(`round ${round}/${options.rounds}: ${spec.label} (load average ${os.loadavg()[0]!.toFixed(1)})`);
          try {
            // The first system over freshly started subgraphs would otherwise pay for their warm-up
            // (JIT, connection pools, the employer cache) and look slower than the next ones: measured,
            // everything on at 33 req/s then the preventive check off at 57 over the same subgraphs.
            const warmupMs = options.warmupS * 1000 * (i === 0 ? FIRST_WARMUP_FACTOR : 1);
            rounds.push(await oneTurn(spec, round, subgraphs, database, db, options, workDir, logDir, log, warmupMs));
          } catch (error) {
            const message = `round ${round}, ${spec.label}: ${error instanceof Error ? error.message : String(error)}`;
            log(`  FAILED ${message}`);
            notes.push(`Failed: ${message}`);
          }
        }
      } finally {
        await subgraphs.stop();
      }
    }
  }
  return rounds;
}

async function oneTurn(
  spec: SystemSpec,
  round: number,
  subgraphs: Awaited<ReturnType<typeof startSubgraphs>>,
  database: ReturnType<typeof databaseGroups>,
  db: BenchDatabase,
  options: BenchOptions,
  workDir: string,
  logDir: string,
  log: (m: string) => void,
  warmupMs: number,
): Promise<SystemRound> {
  const system = await startFront(spec, subgraphs, workDir, logDir);
  try {
    const groups = systemGroups(system, subgraphs, database);
    for (const g of groups) g.resetPeak();
    const context = { target: system.target, groups, ssinsFile: db.ssinsFile };
    const single = await singlePerson(
      context,
      {
        warmupMs,
        durationMs: options.durationS * 1000,
        connections: options.connections,
        targetRate: options.targetRate,
        fractions: [0.25, 0.5, 0.75],
      },
      log,
    );
    const bulkResult = spec.bulk ? await bulk(context, db.ssins, options.bulkRepeats, groups, options.quick ? 2_000 : 10_000) : null;
    if (bulkResult) {
      log(
        `    bulk: ${bulkResult.sizes.map((s) => `${s.size}: ${s.msPerCall.toFixed(1)} ms`).join(', ')}; 10,000: ${bulkResult.tenThousand.totalMs.toFixed(0)} ms`,
      );
    }
    return {
      system: spec.id,
      label: spec.label,
      round,
      single,
      bulk: bulkResult,
      peakRssMiB: Object.fromEntries(groups.map((g) => [g.name, g.peakRssMiB()])),
    };
  } finally {
    await system.stop();
  }
}
