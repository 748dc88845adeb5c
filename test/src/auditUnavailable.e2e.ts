import { createAuditTrail } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { startInProcessSystem } from './helpers/inProcessSystem.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { mongoUri } = inject('stack');
const QUERY = 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }';
const failedClosed = {
  errors: [
    {
      message: 'The audit trail could not record this request, so nothing is released. Retry later.',
      extensions: { code: 'AUDIT_UNAVAILABLE' },
    },
  ],
};

/** An audit store nobody listens at: every write fails after a second. */
function unreachableAuditStore(service: string) {
  const client = new MongoClient('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMS: 1_000 });
  return { client, trail: createAuditTrail({ client, service }) };
}

describe('when the audit store cannot be written', () => {
  let sources: MongoClient;
  beforeAll(async () => {
    sources = await new MongoClient(mongoUri).connect();
  });
  afterAll(() => sources?.close());

  it.each([
    ['the gateway cannot record the request: nothing is released, although the sources answered', 'gateway'],
    ['a source cannot record its release: the whole request fails closed', 'sources'],
  ] as const)('%s', async (_behaviour, broken) => {
    const store = unreachableAuditStore(broken);
    const system = await startInProcessSystem({ client: sources, serverKind: 'ferretdb', audit: { [broken]: store.trail } });
    try {
      const { status, body } = await graphqlRequest(
        system.gateway.url,
        QUERY,
        { ssin: referencePersons.unemployedBetweenJobs },
        await capacBenefit(),
      );
      expect(status).toBe(503);
      expect(body).toEqual(failedClosed);
    } finally {
      await system.stop();
      await store.client.close();
    }
  });
});
