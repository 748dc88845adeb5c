import { partnerHeaders } from '../claims.js';
import type { Target } from '../loadgen/client.js';
import type { GrowthPoint } from '../report/types.js';
import type { BenchDatabase } from '../system/database.js';
import { startOurGateway, startSubgraphs } from '../system/ourServices.js';
import { measureLoad } from './measureLoad.js';

export interface GrowthOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
  targetRate: number;
}

/** Everything on, at one population size: single-person latency at one connection and at the target rate (open model). */
export async function growthPoint(db: BenchDatabase, options: GrowthOptions, logDir: string): Promise<GrowthPoint> {
  const subgraphs = await startSubgraphs(db.mongoUri, [], logDir);
  try {
    const gateway = await startOurGateway(subgraphs, [], logDir);
    try {
      return await measureGrowth(db, { kind: 'graphql', url: gateway.url, headers: await partnerHeaders() }, options);
    } finally {
      await gateway.process.stop();
    }
  } finally {
    await subgraphs.stop();
  }
}

/** The measurement itself, through `target` (our gateway, everything on). */
export async function measureGrowth(db: BenchDatabase, target: Target, options: GrowthOptions): Promise<GrowthPoint> {
  const context = { target, groups: [], ssinsFile: db.ssinsFile };
  if (options.warmupMs > 0) {
    await measureLoad(context, { model: 'closed', connections: options.connections, rate: 0, durationMs: options.warmupMs });
  }
  const one = (await measureLoad(context, { model: 'closed', connections: 1, rate: 0, durationMs: options.durationMs })).result;
  const open = (await measureLoad(context, { model: 'open', connections: 0, rate: options.targetRate, durationMs: options.durationMs }))
    .result;
  return {
    persons: db.persons,
    seedS: db.seedMs / 1000,
    oneConnection: { p50: one.latency.p50, p99: one.latency.p99, errors: one.errors },
    targetRate: { rate: options.targetRate, p50: open.latency.p50, p99: open.latency.p99, errors: open.errors },
  };
}
