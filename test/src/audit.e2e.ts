import { AUDIT_DATABASE, auditCollections, formatSsin, sha256Hex, type AuditRecord } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { follow, followingPartners } from './helpers/followers.js';
import { capacBenefit, partnerHeaders } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { withSources } from './helpers/sourceDatabase.js';

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
    // The gateway's record names the person, and lists the receipt of each release as it is stored.
    const request = records.find((r) => r.kind === 'request');
    const releases = records.filter((r) => r.kind === 'release');
    expect(request).toMatchObject({ ssins: [ssin], undelivered: [] });
    expect(request?.kind === 'request' && request.receipts).toEqual(
      releases.map((r) => ({ id: r._id, chain: r.chain, seq: r.seq, hash: r.hash })),
    );
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

  it('never lets a release receipt reach the partner', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await capacBenefit()) },
      body: JSON.stringify({
        query: 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }',
        variables: { ssin },
      }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain('crossroadsAuditReceipt');
    expect(text).not.toMatch(/release:|"extensions"/);
  });

  it('records the persons a request names whatever it selects and whatever it finds: keys only, __typename, not found', async () => {
    const [existing, other] = await withSources(mongoUri, (sources) => sources.someSsins(2));
    const unknown = formatSsin({ birthDate: '1950-01-01', serial: 997 });
    expect(await withSources(mongoUri, (sources) => sources.person(unknown))).toBeNull();
    // Followed, so that the request is answered (a person not followed is refused before any source is asked).
    await follow(gatewayUrl, followingPartners[0], [unknown]);
    const dotted = `${unknown.slice(0, 2)}.${unknown.slice(2, 4)}.${unknown.slice(4, 6)}-${unknown.slice(6, 9)}.${unknown.slice(9)}`;
    const probes = [
      // Which of these exist? The answer lists the keys of those found: no data, so no source records a release.
      { query: 'query($ssins: [SSIN!]!) { persons(ssins: $ssins) { ssin } }', variables: { ssins: [unknown, other!, existing!] } },
      { query: 'query($ssin: SSIN!) { person(ssin: $ssin) { __typename } }', variables: { ssin: existing! } },
      { query: 'query($ssin: SSIN!) { person(ssin: $ssin) { __typename } }', variables: { ssin: unknown } },
      // Inlined rather than in variables, and in the dotted form: named all the same, as its 11 digits.
      { query: `{ person(ssin: "${dotted}") { ssin } }`, variables: {} },
    ];
    const named = [[unknown, other!, existing!].sort(), [existing!], [unknown], [unknown]];
    for (const [i, { query, variables }] of probes.entries()) {
      const { status, body, requestId } = await graphqlRequest(gatewayUrl, query, variables, await capacBenefit());
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      expect(await recordsOf(requestId!), query).toEqual([
        expect.objectContaining({ kind: 'request', outcome: 'answered', ssins: named[i], receipts: [], undelivered: [] }),
      ]);
      // The `ssins` index finds the request record by each person it names.
      for (const person of named[i]!) {
        const found = await client
          .db(AUDIT_DATABASE)
          .collection<AuditRecord>(auditCollections.records)
          .find({ ssins: person, requestId: requestId! })
          .toArray();
        expect(found.map((r) => r._id)).toEqual([`request:${requestId}`]);
      }
    }
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
        // It named the person: the attempt is on their record, for the security officer.
        ssins: [ssin],
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
