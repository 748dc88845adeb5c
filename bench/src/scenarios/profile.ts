import fs from 'node:fs';
import path from 'node:path';
import { partnerHeaders } from '../claims.js';
import { summariseProfile } from '../report/cpuProfile.js';
import type { ProfileSummary } from '../report/types.js';
import type { BenchDatabase } from '../system/database.js';
import { startOurGateway, startSubgraphs } from '../system/ourServices.js';
import { measureLoad } from './measureLoad.js';

/** Our gateway, everything on, under `node --cpu-prof` during a single-person saturation run. */
export async function profileGateway(
  db: BenchDatabase,
  options: { warmupMs: number; durationMs: number; connections: number },
  profileDir: string,
  logDir: string,
): Promise<ProfileSummary> {
  fs.mkdirSync(profileDir, { recursive: true });
  const subgraphs = await startSubgraphs(db.mongoUri, [], logDir);
  try {
    const gateway = await startOurGateway(subgraphs, [], logDir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    let throughput: number;
    try {
      const context = {
        target: { kind: 'graphql' as const, url: gateway.url, headers: await partnerHeaders() },
        groups: [],
        ssinsFile: db.ssinsFile,
      };
      if (options.warmupMs > 0) {
        await measureLoad(context, { model: 'closed', connections: options.connections, rate: 0, durationMs: options.warmupMs });
      }
      throughput = (
        await measureLoad(context, { model: 'closed', connections: options.connections, rate: 0, durationMs: options.durationMs })
      ).result.throughput;
    } finally {
      await gateway.process.stop(); // the profile is written as the process exits
    }
    const files = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (!files.length) throw new Error(`no .cpuprofile written to ${profileDir}`);
    const file = path.join(profileDir, files.sort().at(-1)!);
    return { ...summariseProfile(file), throughput };
  } finally {
    await subgraphs.stop();
  }
}
