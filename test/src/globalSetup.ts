import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateAuditKeyPair, type AuditKeyPair } from '@crossroads/shared';
import { serviceNames, startStack, type RunningStack } from '@crossroads/stack';
import { followEveryone } from './helpers/followers.js';
import type { JWK } from 'jose';

/** Persons seeded for the end-to-end suites: enough for realistic batches, small enough to seed in seconds. */
export const E2E_PERSONS = 2_000;

let stack: RunningStack | undefined;

/**
 * One stack for all end-to-end files: the embedded database (or MONGODB_URI),
 * seeded, and the four service processes. Their output goes to a log file that
 * tests can read (`serviceLog` is provided to them).
 */
export async function setup(project: TestProject): Promise<void> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-e2e-logs-'));
  const serviceLog = path.join(logDir, 'services.log');
  const out = fs.createWriteStream(serviceLog, { flags: 'a' });
  const auditKeys = generateAuditKeyPair();
  stack = await startStack({
    auditKeys,
    // The services trust the repository's development keys, and otherwise behave as in production.
    env: { CROSSROADS_ENV: 'test' },
    ...(process.env.MONGODB_URI ? { mongoUri: process.env.MONGODB_URI } : {}),
    persons: E2E_PERSONS,
    seed: 1,
    // Every service serves its metrics on a free port of its own, as a deployment's would (metrics.e2e.ts scrapes them).
    metricsPorts: Object.fromEntries(serviceNames.map((name) => [name, 0])),
    sink: (service, line) => out.write(`${service} | ${line}\n`),
    onProgress: (m) => process.stderr.write(`[e2e setup] ${m}\n`),
  });
  process.stderr.write('[e2e setup] the partners register every seeded person in the reference directory…\n');
  try {
    await followEveryone(stack.gatewayUrl, stack.mongoUri);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  project.provide('stack', {
    gatewayUrl: stack.gatewayUrl,
    mongoUri: stack.mongoUri,
    postgresUrl: stack.postgresUrl ?? null,
    urls: stack.urls,
    serviceLog,
    persons: E2E_PERSONS,
    auditPublicKeys: [auditKeys.publicJwk],
    auditKeys,
    auditWitnessFile: stack.witnessFile,
    metricsUrls: Object.fromEntries(
      serviceNames.map((name) => [name, `http://127.0.0.1:${stack!.services[name].metricsPort}/metrics`]),
    ) as Record<(typeof serviceNames)[number], string>,
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      gatewayUrl: string;
      mongoUri: string;
      postgresUrl: string | null;
      urls: Record<'gateway' | 'persons' | 'employment' | 'unemployment' | 'directory', string>;
      serviceLog: string;
      persons: number;
      /** The public key of the audit chains' checkpoints of this run. */
      auditPublicKeys: JWK[];
      /** The key pair itself, for suites that start services of their own over the same audit store. */
      auditKeys: AuditKeyPair;
      /** The witness file the stack's writers append their checkpoints to (AUDIT_WITNESS_FILE). */
      auditWitnessFile: string;
      /** Each service's Prometheus endpoint (METRICS_PORT). */
      metricsUrls: Record<'gateway' | 'persons' | 'employment' | 'unemployment' | 'authorizations' | 'audit', string>;
    };
  }
}
