import { performance } from 'node:perf_hooks';
import { Client, Operations } from '../loadgen/client.js';
import { sampleCpu, cpuDelta, type ProcessGroup } from '../measure/processGroups.js';
import type { BulkScenario, BulkSize } from '../report/types.js';
import type { LoadContext } from './measureLoad.js';
import { sample } from './sample.js';

export const BULK_SIZES = [1, 10, 100, 1_000];

/**
 * `persons` with 1, 10, 100 and 1,000 SSINs (distinct, at random), `repeats`
 * calls each one after the other; then `manyPersons` (10,000) as calls of 1,000,
 * two in flight at a time (the machine's two cores).
 */
export async function bulk(
  context: LoadContext,
  ssins: string[],
  repeats: number,
  groups: ProcessGroup[],
  manyPersons = 10_000,
): Promise<BulkScenario> {
  const client = new Client(4);
  const ops = new Operations(client, context.target);
  try {
    await ops.bulk(sample(ssins, 100)); // warm the path
    const sizes: BulkSize[] = [];
    for (const size of BULK_SIZES) {
      const times: number[] = [];
      let errors = 0;
      const before = sampleCpu(groups);
      for (let i = 0; i < repeats; i++) {
        const batch = sample(ssins, size);
        const t = performance.now();
        const outcome = await ops.bulk(batch);
        times.push(performance.now() - t);
        if (!outcome.ok) errors++;
      }
      const cpu = cpuDelta(before, sampleCpu(groups));
      const msPerCall = median(times);
      sizes.push({
        size,
        calls: repeats,
        errors,
        msPerCall,
        msPerPerson: msPerCall / size,
        cpuMsPerPerson: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / (size * repeats)])),
      });
    }
    const calls = Math.ceil(manyPersons / 1_000);
    const concurrency = 2;
    let errors = 0;
    const t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          next++;
          if (!(await ops.bulk(sample(ssins, 1_000))).ok) errors++;
        }
      }),
    );
    const totalMs = performance.now() - t;
    return { sizes, tenThousand: { calls, concurrency, errors, totalMs, msPerPerson: totalMs / (calls * 1_000) } };
  } finally {
    client.close();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
