import { performance } from 'node:perf_hooks';
import { Client, Operations } from '../loadgen/client.js';
import { sampleCpu, cpuDelta, type ProcessGroup } from '../measure/processGroups.js';
import type { BulkScenario, BulkSize } from '../report/types.js';
import type { LoadContext } from './measureLoad.js';
import { sample } from './sample.js';

/**
 * `persons` with each of `sizes` SSINs (distinct, at random; 1, 10, 100 and
 * 1,000 in a full run), `repeats` calls each one after the other; then
 * `manyPersons` (10,000) as calls of the largest size, two in flight at a time
 * (the machine's two cores).
 */
export async function bulk(
  context: LoadContext,
  ssins: string[],
  options: { sizes: number[]; repeats: number; manyPersons: number },
  groups: ProcessGroup[],
): Promise<BulkScenario> {
  const { sizes: bulkSizes, repeats, manyPersons } = options;
  const callSize = Math.max(...bulkSizes);
  const client = new Client(4);
  const ops = new Operations(client, context.target);
  try {
    await ops.ready();
    await ops.bulk(sample(ssins, 100)); // warm the path
    const sizes: BulkSize[] = [];
    for (const size of bulkSizes) {
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
    const calls = Math.ceil(manyPersons / callSize);
    const concurrency = 2;
    let errors = 0;
    const t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          next++;
          if (!(await ops.bulk(sample(ssins, callSize))).ok) errors++;
        }
      }),
    );
    const totalMs = performance.now() - t;
    return { sizes, tenThousand: { calls, callSize, concurrency, errors, totalMs, msPerPerson: totalMs / (calls * callSize) } };
  } finally {
    await ops.close();
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
