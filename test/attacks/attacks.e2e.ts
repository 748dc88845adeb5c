import { AUDIT_DATABASE, auditCollections, type AuditRecord } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anonymousCatalogue, catalogue, type AttackRequest } from './catalogue.js';
import { profiles } from './profiles.js';
import { sendRaw } from './sendRaw.js';

const { gatewayUrl, mongoUri } = inject('stack');
const origin = new URL(gatewayUrl).origin;
let client: MongoClient;

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
});
afterAll(async () => {
  await client.close();
});

const recordOf = (requestId: string) =>
  client
    .db(AUDIT_DATABASE)
    .collection<AuditRecord>(auditCollections.records)
    .findOne({ _id: `request:${requestId}` });
const releasesOf = (requestId: string) =>
  client.db(AUDIT_DATABASE).collection<AuditRecord>(auditCollections.records).find({ requestId, kind: 'release' }).toArray();

async function attack(request: AttackRequest) {
  return sendRaw(origin, request);
}

/** A refusal releases nothing: no data at all, and no source recorded a release for it. */
async function expectNothingReleased(response: Awaited<ReturnType<typeof attack>>) {
  expect(response.json?.data ?? null).toBeNull();
  expect(await releasesOf(response.requestId!)).toEqual([]);
}

describe('the attack catalogue (test/attacks/README.md), tried by every profile against the running stack', () => {
  for (const attackCase of catalogue) {
    describe(`${attackCase.id} ${attackCase.attack}`, () => {
      for (const name of attackCase.profiles) {
        it(`as ${name}: refused, nothing released, on record`, async () => {
          const profile = profiles[name];
          const expected = attackCase.expect(profile);
          const response = await attack(await attackCase.request(profile));

          expect(response.status).toBe(expected.status);
          expect(response.contentType).toMatch(/^application\/(graphql-response\+)?json/);
          const [error] = response.json?.errors ?? [];
          expect(error?.extensions).toMatchObject({ code: expected.code, ...expected.extensions });
          expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
          await expectNothingReleased(response);

          const record = await recordOf(response.requestId!);
          expect(record).toMatchObject({ kind: 'request', partnerId: profile.partnerId, outcome: 'refused', code: expected.code });
          if (expected.names) expect(new Set((record as { ssins?: string[] }).ssins)).toEqual(new Set(expected.names));
        });
      }
    });
  }
});

describe('attacks by callers that cannot be identified: refused and counted, never recorded', () => {
  for (const attackCase of anonymousCatalogue) {
    it(`${attackCase.id} ${attackCase.attack}`, async () => {
      const response = await attack(attackCase.request);
      expect(response.status).toBe(attackCase.expect.status);
      expect(response.json?.errors?.[0]?.extensions).toMatchObject({ code: attackCase.expect.code, ...attackCase.expect.extensions });
      await expectNothingReleased(response);
      expect(await recordOf(response.requestId!)).toBeNull();
    });
  }
});
