import { AUDIT_DATABASE, auditCollections, sha256Hex, type AuditRecord } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit, partnerHeaders } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { gatewayUrl, mongoUri } = inject('stack');
const ssin = referencePersons.unemployedBetweenJobs;

let client: MongoClient;
beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
});
afterAll(() => client?.close());

/** The records of one request, by equality on the indexed request id. */
async function recordsOf(requestId: string): Promise<AuditRecord[]> {
  const records = await client.db(AUDIT_DATABASE).collection<AuditRecord>(auditCollections.records).find({ requestId }).toArray();
  return records.sort((a, b) => a._id.localeCompare(b._id));
}

describe('the audit trail', () => {
  it('records the request and, per source, the persons and fields it released, before the answer arrives', async () => {
    const query =
      'query Benefit($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } unemploymentStatus { status } } }';
    const { status, requestId } = await graphqlRequest(
      gatewayUrl,
      query,
      { ssin },
      { ...(await capacBenefit()), 'x-end-user': 'agent-0042' },
    );
    expect(status).toBe(200);
    // No waiting: the records were acknowledged before the response left.
    const records = await recordsOf(requestId!);
    const common = { requestId, partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationIds: ['ISC/24/017'] };
    expect(records).toEqual([
      expect.objectContaining({
        ...common,
        kind: 'release',
        source: 'employment',
        ssins: [ssin],
        fields: ['Employment.startDate', 'Person.employments'],
      }),
      expect.objectContaining({
        ...common,
        kind: 'release',
        source: 'persons',
        ssins: [ssin],
        fields: ['Person.name', 'PersonName.lastName', 'Query.person'],
      }),
      expect.objectContaining({
        ...common,
        kind: 'release',
        source: 'unemployment',
        ssins: [ssin],
        fields: ['Person.unemploymentStatus', 'UnemploymentStatus.status'],
      }),
      expect.objectContaining({
        ...common,
        kind: 'request',
        endUser: 'agent-0042',
        operationName: 'Benefit',
        documentHash: sha256Hex(query),
        outcome: 'answered',
        code: null,
      }),
    ]);
    const stored = await client
      .db(AUDIT_DATABASE)
      .collection(auditCollections.documents)
      .findOne({ _id: sha256Hex(query) as never });
    // With the UTC day it was last used, which archival goes by.
    expect(stored).toEqual({ _id: sha256Hex(query), document: query, lastUsedDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('records every call to a source apart, when the plan calls one source more than once', async () => {
    // Two aliased root fields: the plan calls employment once per alias, each call releasing one person.
    const other = referencePersons.student;
    const query =
      'query Two($a: SSIN!, $b: SSIN!) { a: person(ssin: $a) { employments { startDate } } b: person(ssin: $b) { employments { startDate } } }';
    const { status, body, requestId } = await graphqlRequest(gatewayUrl, query, { a: ssin, b: other }, await capacBenefit());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const releases = (await recordsOf(requestId!)).filter((r) => r.kind === 'release' && r.source === 'employment');
    // Whatever the plan's shape, every person whose employments left is named in an employment release.
    expect(new Set(releases.flatMap((r) => (r.kind === 'release' ? r.ssins : [])))).toEqual(new Set([ssin, other]));
    expect(releases.map((r) => r._id)).toContain(`release:${requestId}:employment`);
  });

  it('records a refused request, and no release', async () => {
    const { status, requestId } = await graphqlRequest(
      gatewayUrl,
      'query($ssin: SSIN!) { person(ssin: $ssin) { employments { startDate } } }',
      { ssin },
      await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE'),
    );
    expect(status).toBe(403);
    expect(await recordsOf(requestId!)).toEqual([
      expect.objectContaining({
        kind: 'request',
        partnerId: 'famiwal',
        purpose: 'FAMILY_ALLOWANCE',
        authorizationIds: ['ISC/24/022'],
        outcome: 'refused',
        code: 'FORBIDDEN',
      }),
    ]);
  });

  it('counts a request refused at authentication without recording it: an unverified claim is no fact, and junk must not fill the trail', async () => {
    const before = Date.now();
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token', 'x-purpose': 'FAMILY_ALLOWANCE' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(401);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await recordsOf(requestId!)).toEqual([]);
    const refusals = await client
      .db(AUDIT_DATABASE)
      .collection<AuditRecord>(auditCollections.records)
      .find({ partnerDay: `-|${new Date().toISOString().slice(0, 10)}` })
      .toArray();
    expect(refusals.filter((r) => Date.parse(r.at) >= before - 1000)).toEqual([]);
  });

  it('chains each writer’s records by hash', async () => {
    const { requestId } = await graphqlRequest(
      gatewayUrl,
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }',
      { ssin },
      await capacBenefit(),
    );
    const [release] = (await recordsOf(requestId!)).filter((r) => r.kind === 'release');
    expect(release!.seq).toBeGreaterThan(0);
    const previous = await client
      .db(AUDIT_DATABASE)
      .collection<AuditRecord>(auditCollections.records)
      .find({ chain: release!.chain })
      .toArray();
    const before = previous.find((r) => r.seq === release!.seq - 1);
    expect(release!.prev).toBe(before!.hash);
  });
});
