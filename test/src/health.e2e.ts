import { auditKeyPairToEnv, generateGatewayKeyPair } from '@crossroads/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOwnAuditStore, type OwnAuditStore } from './helpers/ownAuditStore.js';
import { startOwnProcess, type OwnProcess } from './helpers/ownProcess.js';

const { urls, mongoUri, postgresUrl, auditKeys } = inject('stack');
const serviceUrls = Object.entries(urls) as [string, string][];

async function probe(url: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url.replace(/\/graphql$/, path), { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('health: live and ready on every service', () => {
  it.each(serviceUrls)('%s is live, and ready with its database, the audit store and its policy set', async (name, url) => {
    expect(await probe(url, '/health/live')).toEqual({ status: 200, body: { status: 'live' } });
    const ready = await probe(url, '/health/ready');
    expect(ready.status).toBe(200);
    const expected: Record<string, string> = { policies: 'ok' };
    if (name !== 'authorizations') expected.auditStore = 'ok';
    if (!['gateway', 'authorizations'].includes(name)) expected.database = 'ok';
    expect(ready.body).toEqual({ status: 'ready', checks: expected });
    // The status npm run policies:reload reads stays where it was.
    const status = await probe(url, '/health');
    expect(status.body).toMatchObject({ status: 'ok', pid: expect.any(Number), policies: { version: expect.stringMatching(/^sha256:/) } });
  });
});

describe.skipIf(!postgresUrl)('health: a source whose audit store stops answering is not ready', () => {
  let store: OwnAuditStore;
  let source: OwnProcess;
  beforeAll(async () => {
    store = await startOwnAuditStore(postgresUrl!, 'health');
    const keys = await generateGatewayKeyPair();
    source = await startOwnProcess('persons', {
      MONGODB_URI: mongoUri,
      AUDIT_MONGODB_URI: store.uri,
      AUDIT_WRITE_CONCERN: 'acknowledged',
      GATEWAY_PUBLIC_KEY: JSON.stringify(keys.publicJwk),
      ...auditKeyPairToEnv(auditKeys),
    });
    await source.service.ready;
  });
  afterAll(async () => {
    store?.resume();
    await source?.service.stop();
    await store?.stop();
  });

  it('says so within seconds (503, naming the audit store), stays live, and is ready again once the store answers', async () => {
    expect((await probe(source.url, '/health/ready')).status).toBe(200);
    store.pause();
    const down = await probe(source.url, '/health/ready');
    expect(down).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { auditStore: 'unavailable', policies: 'ok', database: 'ok' } },
    });
    expect((await probe(source.url, '/health')).status).toBe(503);
    expect((await probe(source.url, '/health/live')).status).toBe(200);
    store.resume();
    let ready = await probe(source.url, '/health/ready');
    for (let i = 0; i < 50 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await probe(source.url, '/health/ready');
    }
    expect(ready.status).toBe(200);
  });
});
