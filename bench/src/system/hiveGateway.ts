import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '@crossroads/db';
import { CLAIMS_HEADER } from '@crossroads/shared';
import { STATIC_CLAIMS } from '../claims.js';
import { repoRoot } from '../paths.js';
import type { RunningSubgraphs, SubgraphName } from './ourServices.js';
import { spawnProcess, type Spawned } from './spawnProcess.js';

/** The composed supergraph with each `@join__graph(url:)` pointing at the running subgraphs. */
export function rewriteSupergraph(sdl: string, urls: Record<SubgraphName, string>): string {
  return sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = urls[name as SubgraphName];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}

/**
 * The peer: Hive Gateway's CLI with `--jit`, serving the same supergraph over
 * the same subgraphs. The subgraphs run with sealing off, and Hive adds the
 * static claims header to every subgraph call: it does no preventive check and
 * signs nothing.
 */
export async function startHiveGateway(
  subgraphs: RunningSubgraphs,
  workDir: string,
  logDir: string,
  nodeFlags: string[] = [],
): Promise<{ url: string; process: Spawned }> {
  if (!subgraphs.disabled.includes('sealing'))
    throw new Error('Hive Gateway needs subgraphs with sealing off (it sends a static claims header).');
  fs.mkdirSync(workDir, { recursive: true });
  const supergraphFile = path.join(workDir, 'supergraph.graphql');
  fs.writeFileSync(supergraphFile, rewriteSupergraph(fs.readFileSync(`${repoRoot}gateway/supergraph.graphql`, 'utf8'), subgraphs.urls));
  const configFile = path.join(workDir, 'gateway.config.mjs');
  fs.writeFileSync(
    configFile,
    `// Written by bench/src/system/hiveGateway.ts\nexport const gatewayConfig = {\n  propagateHeaders: {\n    fromClientToSubgraphs: () => (${JSON.stringify({ [CLAIMS_HEADER]: STATIC_CLAIMS })}),\n  },\n};\n`,
  );
  const port = await freePort();
  const bin = `${repoRoot}node_modules/@graphql-hive/gateway/dist/bin.js`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_NO_WARNINGS: '1',
    // Nothing may leave the machine: no usage reporting, no cloud-metadata probes by OpenTelemetry detectors.
    OTEL_SDK_DISABLED: 'true',
    OTEL_NODE_RESOURCE_DETECTORS: 'none',
    METADATA_SERVER_DETECTION: 'none',
  };
  delete env.CROSSROADS_ENV;
  delete env.CROSSROADS_BENCH_DISABLE;
  const process_ = await spawnProcess({
    name: 'hive-gateway',
    command: process.execPath,
    args: [
      ...nodeFlags,
      bin,
      'supergraph',
      supergraphFile,
      '--config-path',
      configFile,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--jit',
    ],
    env,
    cwd: workDir,
    logFile: path.join(logDir, 'hive-gateway.log'),
    healthUrl: `http://127.0.0.1:${port}/healthcheck`,
  });
  return { url: `http://127.0.0.1:${port}/graphql`, process: process_ };
}
