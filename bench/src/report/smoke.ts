import type { LoadResult } from '../loadgen/protocol.js';
import { systems } from '../system/systems.js';
import type { BenchResults } from './types.js';

/**
 * What makes a --quick run fail (it measures nothing, but it must say when a
 * system or a scenario is broken): a system that did not run, a phase that
 * failed, an error answer (requests shed or left unanswered by an overloaded
 * open-model run excepted), or a run in which nothing succeeded.
 */
export function smokeProblems(results: BenchResults): string[] {
  // The notes of a turn or a phase that failed ("Failed: …", "DB command count failed: …").
  const problems = results.notes.filter((n) => /failed:/i.test(n));
  const errors = (what: string, r: LoadResult) => {
    const answered = r.errors - r.shed - r.unanswered;
    if (answered > 0) problems.push(`${what}: ${answered} error(s): ${r.errorSamples.join('; ')}`);
    if (r.ok === 0) problems.push(`${what}: no successful request`);
  };
  for (let round = 1; round <= results.options.rounds; round++) {
    for (const spec of systems) {
      const turn = results.rounds.find((r) => r.system === spec.id && r.round === round);
      if (!turn) {
        problems.push(`${spec.label}, round ${round}: no result`);
        continue;
      }
      const s = turn.single;
      errors(`${spec.label}: saturation`, s.saturation.result);
      errors(`${spec.label}: one connection`, s.oneConnection.result);
      for (const o of s.open) errors(`${spec.label}: open model at ${o.fraction * 100} %`, o.load.result);
      errors(`${spec.label}: open model at ${s.targetRate.result.rate} req/s`, s.targetRate.result);
      if (spec.bulk && !turn.bulk) problems.push(`${spec.label}: no bulk result`);
      for (const b of turn.bulk?.sizes ?? []) if (b.errors) problems.push(`${spec.label}: bulk of ${b.size}: ${b.errors} error(s)`);
      if (turn.bulk?.tenThousand.errors) problems.push(`${spec.label}: bulk, many persons: ${turn.bulk.tenThousand.errors} error(s)`);
    }
  }
  if (!results.dbCommands?.single.total) problems.push('database commands per call: not counted');
  if (results.growth.length !== results.options.sizes.length) problems.push('population growth: a size is missing');
  for (const g of results.growth) {
    if (g.oneConnection.errors || !Number.isFinite(g.oneConnection.p50)) problems.push(`growth at ${g.persons}: errors at one connection`);
    if (!Number.isFinite(g.targetRate.p50)) problems.push(`growth at ${g.persons}: nothing answered at the target rate`);
  }
  return problems;
}
