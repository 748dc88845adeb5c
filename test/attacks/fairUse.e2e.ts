import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT_DATABASE, auditCollections, detectServerKind, policyDir, type AuditRecord } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessSystem } from '../src/helpers/inProcessSystem.js';
import { capacBenefit } from '../src/helpers/partnerHeaders.js';
import { withSources } from '../src/helpers/sourceDatabase.js';
import { REFERENCE_SSIN } from './profiles.js';
import { sendRaw, type RawResponse } from './sendRaw.js';

const { gatewayUrl, mongoUri } = inject('stack');
let client: MongoClient;
/** Seeded persons, followed by CAPAC (the tests' global setup registers them all). */
let followedSsins: string[];

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  followedSsins = await withSources(mongoUri, (sources) => sources.someSsins(1000));
});
afterAll(async () => {
  await client.close();
});

const recordOf = (requestId: string) =>
  client
    .db(AUDIT_DATABASE)
    .collection<AuditRecord>(auditCollections.records)
    .findOne({ _id: `request:${requestId}` });

const post = (headers: Record<string, string>, body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A request that keeps the sources busy for a while: 1,000 persons CAPAC follows, three sources. */
const heavy = (headers: Record<string, string>) =>
  post(headers, {
    query: 'query ($s: [SSIN!]!) { persons(ssins: $s) { ssin name { lastName } employments { startDate } unemploymentStatus { status } } }',
    variables: { s: followedSsins },
  });

/** A copy of the published policy set in which CAPAC has tight limits of its own (partners.yaml `limits`). */
function policiesWithCapacLimits(limits: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-limits-'));
  fs.cpSync(policyDir, dir, { recursive: true });
  const file = path.join(dir, 'partners.yaml');
  const partners = fs.readFileSync(file, 'utf8');
  const capacKeys = '  jwks: { file: keys/capac.jwks.json }\n';
  expect(partners).toContain(capacKeys);
  fs.writeFileSync(file, partners.replace(capacKeys, `${capacKeys}  limits: ${limits}\n`));
  return dir;
}

describe('a refusal never breaks the next request on its connection', () => {
  for (const [what, body] of [
    ['a body over the size limit (413)', JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_536 * 1024) } })],
    ['a body that is not JSON (400)', '{"query": '],
  ] as const) {
    it(`after ${what}, the same keep-alive client's next request is answered`, async () => {
      const origin = new URL(gatewayUrl).origin;
      const pool = new Pool(origin, { connections: 1, pipelining: 1 });
      try {
        const headers = { 'content-type': 'application/json', ...(await capacBenefit()) };
        const refused = await sendRaw(origin, { method: 'POST', headers, body }, pool);
        expect([413, 400]).toContain(refused.status);
        // The refusal says it closes the connection, so no client sends the next request down it.
        expect(refused.headers.connection).toBe('close');
        for (let i = 0; i < 3; i++) {
          const next = await sendRaw(origin, post(headers, { query: `{ person(ssin: "${REFERENCE_SSIN}") { ssin } }` }), pool);
          expect(next.status).toBe(200);
          expect(next.json).toEqual({ data: { person: { ssin: REFERENCE_SSIN } } });
        }
      } finally {
        await pool.close();
      }
    });
  }
});

describe("fair use: a partner's limits from partners.yaml, answered 429 with Retry-After and recorded", () => {
  let system: Awaited<ReturnType<typeof startInProcessSystem>>;
  let origin: string;

  beforeAll(async () => {
    system = await startInProcessSystem({
      client,
      serverKind: await detectServerKind(client),
      gateway: { policyDir: policiesWithCapacLimits('{ requestsPerMinute: 5, concurrentRequests: 2 }') },
    });
    origin = new URL(system.gateway.url).origin;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses the requests beyond its rate for the rest of the minute, and records each refusal', async () => {
    const headers = await capacBenefit();
    const answers: RawResponse[] = [];
    for (let i = 0; i < 7; i++) answers.push(await sendRaw(origin, post(headers, { query: '{ __typename }' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = answers[5]!;
    expect(refused.json?.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', reason: 'RATE', max: 5 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await recordOf(refused.requestId!)).toMatchObject({ partnerId: 'capac', outcome: 'refused', code: 'RATE_LIMITED' });
  });
});

describe('fair use: requests at once, per partner', () => {
  let system: Awaited<ReturnType<typeof startInProcessSystem>>;
  let origin: string;

  beforeAll(async () => {
    system = await startInProcessSystem({
      client,
      serverKind: await detectServerKind(client),
      gateway: { policyDir: policiesWithCapacLimits('{ concurrentRequests: 2 }') },
    });
    origin = new URL(system.gateway.url).origin;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses what comes beyond its concurrency at once, while the rest is answered', async () => {
    const headers = await capacBenefit();
    const answers = await Promise.all(Array.from({ length: 6 }, () => sendRaw(origin, heavy(headers))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(refused[0]!.json?.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', reason: 'CONCURRENCY', max: 2 });
    expect(await recordOf(refused[0]!.requestId!)).toMatchObject({ partnerId: 'capac', outcome: 'refused', code: 'RATE_LIMITED' });
  });
});

describe('overload: a saturated gateway sheds load at once instead of queueing', () => {
  let system: Awaited<ReturnType<typeof startInProcessSystem>>;
  let origin: string;

  beforeAll(async () => {
    system = await startInProcessSystem({ client, serverKind: await detectServerKind(client), gateway: { maxInFlight: 2 } });
    origin = new URL(system.gateway.url).origin;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers OVERLOADED with Retry-After before the accepted requests finish, and records it', async () => {
    const headers = await capacBenefit();
    const finished: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sendRaw(origin, heavy(headers)).then((answer) => {
          finished.push(i);
          return { i, answer };
        }),
      ),
    );
    const shed = answers.filter(({ answer }) => answer.status === 503);
    const served = answers.filter(({ answer }) => answer.status === 200);
    expect(shed.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(shed.length + served.length).toBe(8);
    // Shed at once: every refusal came back before the first accepted request was answered.
    const firstServed = Math.min(...served.map(({ i }) => finished.indexOf(i)));
    for (const { i } of shed) expect(finished.indexOf(i)).toBeLessThan(firstServed);
    const { answer } = shed[0]!;
    expect(answer.json?.errors?.[0]?.extensions).toEqual({ code: 'OVERLOADED' });
    expect(answer.headers['retry-after']).toBe('1');
    expect(await recordOf(answer.requestId!)).toMatchObject({ partnerId: 'capac', outcome: 'refused', code: 'OVERLOADED' });
  });
});
