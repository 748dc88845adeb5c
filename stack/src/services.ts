import { fileURLToPath } from 'node:url';

/** Every process of the system besides the database, in start order (the gateway last: it needs the sources). */
export const serviceNames = ['persons', 'employment', 'unemployment', 'authorizations', 'audit', 'directory', 'gateway'] as const;
export type ServiceName = (typeof serviceNames)[number];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function entryPoint(name: ServiceName): string {
  return name === 'gateway' ? `${repoRoot}gateway/src/main.ts` : `${repoRoot}subgraphs/${name}/src/main.ts`;
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

export { repoRoot };
