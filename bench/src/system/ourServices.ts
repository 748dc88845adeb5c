import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@crossroads/db';
import {
  GATEWAY_PUBLIC_KEY_ENV,
  GATEWAY_SIGNING_KEY_ENV,
  auditKeyPairToEnv,
  generateAuditKeyPair,
  generateGatewayKeyPair,
  policyDir,
  type SecurityLayer,
} from '@crossroads/shared';
import { repoRoot } from '../paths.js';
import { nodeArgs, type EntryName } from './entryPoints.js';
import { spawnProcess, type Spawned } from './spawnProcess.js';

export const subgraphNames = ['persons', 'employment', 'unemployment', 'authorizations', 'directory'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export interface RunningSubgraphs {
  urls: Record<SubgraphName, string>;
  processes: Spawned[];
  disabled: readonly SecurityLayer[];
  mongoUri: string;
  /** The public key the subgraphs trust; its private half signs the gateway's tokens. */
  signingKey: string;
  stop(): Promise<void>;
}

const auditEnv = auditKeyPairToEnv(generateAuditKeyPair());

/**
 * The published policy set, but the bench's partner (CAPAC) without fair-use
 * limits: the bench measures what the hub can carry, not one partner's share
 * of it (decision 0016). Its operation limits stay as published.
 */
function benchPolicyDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-bench-policies-'));
  fs.cpSync(policyDir, dir, { recursive: true });
  const file = path.join(dir, 'partners.yaml');
  const capacKeys = '  jwks: { file: keys/capac.jwks.json }\n';
  const partners = fs.readFileSync(file, 'utf8');
  if (!partners.includes(capacKeys)) throw new Error('bench: partners.yaml no longer has the line the bench extends');
  fs.writeFileSync(
    file,
    partners.replace(capacKeys, `${capacKeys}  limits: { requestsPerMinute: 100000000, concurrentRequests: 100000 }\n`),
  );
  return dir;
}
let policies: string | undefined;

/**
 * How many requests a gateway of the bench takes at once before it sheds load:
 * all of them, except in the overload scenario, which measures the shedding
 * with the gateway's own default.
 */
const UNBOUNDED_IN_FLIGHT = '100000';

/** The environment that switches security layers off (only honoured with CROSSROADS_ENV=benchmark); empty when all are on. */
export function layerEnv(disabled: readonly SecurityLayer[]): NodeJS.ProcessEnv {
  return disabled.length ? { CROSSROADS_ENV: 'benchmark', CROSSROADS_BENCH_DISABLE: disabled.join(',') } : {};
}

/**
 * What every service process gets: production behaviour with the repository's development keys trusted
 * (CROSSROADS_ENV=benchmark, no layer off unless layerEnv says so), the bench's log level.
 */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CROSSROADS_ENV: 'benchmark',
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    AUTHZ_POLICY_DIR: (policies ??= benchPolicyDir()),
    // Every writer of the audit trail signs its checkpoints; one throw-away key for the whole bench run.
    ...auditEnv,
  };
  delete env.CROSSROADS_BENCH_DISABLE;
  return env;
}

function nodeService(name: EntryName, port: number, env: NodeJS.ProcessEnv, logDir: string, nodeFlags: string[] = []) {
  return spawnProcess({
    name,
    command: process.execPath,
    args: [...nodeFlags, ...nodeArgs(name)],
    env,
    cwd: repoRoot,
    logFile: path.join(logDir, `${name}.log`),
    healthUrl: `http://127.0.0.1:${port}/health`,
  });
}

/** The subgraphs over `mongoUri`, with the given layers switched off. */
export async function startSubgraphs(mongoUri: string, disabled: readonly SecurityLayer[], logDir: string): Promise<RunningSubgraphs> {
  const keys = await generateGatewayKeyPair();
  const ports = {} as Record<SubgraphName, number>;
  for (const name of subgraphNames) ports[name] = await freePort();
  const env = { ...baseEnv(), ...layerEnv(disabled), MONGODB_URI: mongoUri, [GATEWAY_PUBLIC_KEY_ENV]: JSON.stringify(keys.publicJwk) };
  const processes = await Promise.all(
    subgraphNames.map((name) => nodeService(name, ports[name], { ...env, PORT: String(ports[name]) }, logDir)),
  );
  return {
    urls: Object.fromEntries(subgraphNames.map((n) => [n, `http://127.0.0.1:${ports[n]}/graphql`])) as Record<SubgraphName, string>,
    processes,
    disabled,
    mongoUri,
    signingKey: JSON.stringify(keys.privateJwk),
    stop: async () => void (await Promise.all(processes.map((p) => p.stop()))),
  };
}

/** Our gateway in front of `subgraphs`, with the given layers switched off (`sealing` must match the subgraphs'). */
export async function startOurGateway(
  subgraphs: RunningSubgraphs,
  disabled: readonly SecurityLayer[],
  logDir: string,
  nodeFlags: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ url: string; process: Spawned }> {
  const port = await freePort();
  const env = {
    ...baseEnv(),
    GATEWAY_MAX_IN_FLIGHT: UNBOUNDED_IN_FLIGHT,
    ...layerEnv(disabled),
    GATEWAY_PORT: String(port),
    PERSONS_URL: subgraphs.urls.persons,
    EMPLOYMENT_URL: subgraphs.urls.employment,
    UNEMPLOYMENT_URL: subgraphs.urls.unemployment,
    AUTHORIZATIONS_URL: subgraphs.urls.authorizations,
    DIRECTORY_URL: subgraphs.urls.directory,
    [GATEWAY_SIGNING_KEY_ENV]: subgraphs.signingKey,
    // The audit trail (when the gateway keeps one) goes to the same database, as with `npm start`.
    MONGODB_URI: subgraphs.mongoUri,
    ...extraEnv,
  };
  const process_ = await nodeService('gateway', port, env, logDir, nodeFlags);
  return { url: `http://127.0.0.1:${port}/graphql`, process: process_ };
}
