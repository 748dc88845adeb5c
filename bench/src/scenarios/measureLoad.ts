import type { Target } from '../loadgen/client.js';
import type { LoadSpec } from '../loadgen/protocol.js';
import { runLoad } from '../loadgen/runLoad.js';
import type { ProcessGroup } from '../measure/processGroups.js';
import type { MeasuredLoad } from '../report/types.js';
import { availableParallelism } from 'node:os';

export interface LoadContext {
  target: Target;
  groups: ProcessGroup[];
  ssinsFile: string;
}

/** Runs one load and turns its CPU samples into cost per request and share of the machine. */
export async function measureLoad(
  context: LoadContext,
  load: Pick<LoadSpec, 'model' | 'connections' | 'rate' | 'durationMs'>,
): Promise<MeasuredLoad> {
  const { result, cpuMs } = await runLoad({ ...load, target: context.target, ssinsFile: context.ssinsFile }, context.groups);
  const cores = availableParallelism();
  const per = (ms: number) => (result.ok ? ms / result.ok : NaN);
  return {
    result,
    cpuMsPerRequest: Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, per(v)])),
    cpuShare: Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, v / (result.elapsedMs * cores)])),
  };
}
