import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every process of the system besides the database, in start order (the gateway last: it needs the sources). */
export const serviceNames = ['persons', 'employment', 'unemployment', 'authorizations', 'audit', 'directory', 'gateway'] as const;
export type ServiceName = (typeof serviceNames)[number];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The workspace package of a service. */
export function packageDir(name: ServiceName): string {
  return name === 'gateway' ? `${repoRoot}gateway/` : `${repoRoot}subgraphs/${name}/`;
}

/** The TypeScript entry point a service starts from in development (through tsx). */
export function entryPoint(name: ServiceName): string {
  return `${packageDir(name)}src/main.ts`;
}

/** The compiled entry point production runs with node (`npm run build` writes it). */
export function compiledEntryPoint(name: ServiceName): string {
  return `${packageDir(name)}dist/main.js`;
}

/**
 * Node's resolution condition under which the workspace packages export their compiled `dist/` (decision 0030):
 * `node --conditions=crossroads-compiled gateway/dist/main.js` is how production starts the gateway.
 */
export const COMPILED_CONDITION = 'crossroads-compiled';

/**
 * How a service's process is started: compiled, `node --conditions=crossroads-compiled <pkg>/dist/main.js`, as in
 * production; else from its sources through tsx, the quick path of development and the tests.
 */
export function serviceCommand(name: ServiceName, compiled: boolean): string[] {
  if (!compiled) return ['--import', 'tsx', entryPoint(name)];
  const entry = compiledEntryPoint(name);
  if (!fs.existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first.`);
  return [`--conditions=${COMPILED_CONDITION}`, entry];
}

export const defaultPorts: Record<ServiceName, number> = {
  gateway: 4000,
  persons: 4001,
  employment: 4002,
  unemployment: 4003,
  authorizations: 4004,
  audit: 4005,
  directory: 4006,
};

/** Where `npm start` serves each service's metrics (METRICS_PORT); replica n of a service adds 10 × n. */
export const defaultMetricsPorts: Record<ServiceName, number> = {
  gateway: 9400,
  persons: 9401,
  employment: 9402,
  unemployment: 9403,
  authorizations: 9404,
  audit: 9405,
  directory: 9406,
};

export { repoRoot };
