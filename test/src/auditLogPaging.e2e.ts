import { detectServerKind, type ReleaseRecordBody, type RequestRecordBody } from '@crossroads/shared';
import { auditLogOfPartner, auditLogOfPerson, createAuditStore, type AuditStore, type RequestPage } from '@crossroads/subgraph-audit';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const { mongoUri } = inject('stack');
const DATABASE = 'crossroads_audit_query_test';

/** Two winter days (UTC+1 in Belgium): Belgian midnight between them is 23:00 UTC on the first. */
const D1 = '2026-03-10';
const D2 = '2026-03-11';
const X = '85073003328';
const Y = '03021415813';

type Stored = (RequestRecordBody | ReleaseRecordBody) & { _id: string; at: string };

const common = (requestId: string, day: string) => ({
  requestId,
  partnerId: 'p1',
  purpose: 'UNEMPLOYMENT_BENEFIT',
  authorizationIds: ['ISC/24/017'],
  partnerDay: `p1|${day}`,
});
const request = (id: string, day: string, at: string, outcome: 'answered' | 'refused' = 'answered'): Stored => ({
  ...common(id, day),
  _id: `request:${id}`,
  kind: 'request',
  endUser: null,
  operationName: null,
  documentHash: null,
  outcome,
  code: outcome === 'refused' ? 'FORBIDDEN' : null,
  durationMs: 5,
  at,
});
const release = (id: string, source: string, day: string, at: string, ssins = [X]): Stored => ({
  ...common(id, day),
  _id: `release:${id}:${source}`,
  kind: 'release',
  source,
  ssins,
  fields: ['Query.person'],
  at,
});

/**
 * What the trail holds for partner p1 around one midnight:
 * - r1, D1 10:00, persons and employment;
 * - r2 started on D1 and ended after midnight: its gateway record is under D1
 *   (the day it started), its employment release under D2;
 * - r3 under D2 has a release and no gateway record (the gateway stopped before answering);
 * - r4 refused on D2, nothing released;
 * - r5 on D2 about Y only; r6 about X, but in 2025.
 */
const records: Stored[] = [
  request('r1', D1, '2026-03-10T09:00:00.300Z'),
  release('r1', 'persons', D1, '2026-03-10T09:00:00.100Z'),
  release('r1', 'employment', D1, '2026-03-10T09:00:00.200Z'),
  release('r2', 'persons', D1, '2026-03-10T22:59:59.900Z'),
  release('r2', 'employment', D2, '2026-03-10T23:00:00.100Z'),
  request('r2', D1, '2026-03-10T23:00:00.200Z'),
  release('r3', 'persons', D2, '2026-03-11T08:00:00.000Z'),
  request('r4', D2, '2026-03-11T09:00:00.000Z', 'refused'),
  release('r5', 'persons', D2, '2026-03-11T10:00:00.000Z', [Y]),
  request('r5', D2, '2026-03-11T10:00:00.100Z'),
  release('r6', 'persons', '2025-06-01', '2025-06-01T10:00:00.000Z'),
  request('r6', '2025-06-01', '2025-06-01T10:00:00.100Z'),
  // Another partner asked on D2 which of X and Y the register knows (keys only): the gateway's record names both, no source released anything.
  { ...request('r7', D2, '2026-03-11T11:00:00.000Z'), partnerId: 'p2', partnerDay: `p2|${D2}`, ssins: [Y, X].sort() },
];

let client: MongoClient;
let db: Db;
let store: AuditStore;

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  db = client.db(DATABASE);
  await db.dropDatabase();
  await db.collection<Stored>('records').insertMany(records);
  store = createAuditStore(db, await detectServerKind(client));
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const ids = (page: RequestPage) => page.requests.map((r) => r.requestId);

/** Every page, `first` at a time. */
async function walk(read: (after: string | null) => Promise<RequestPage>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await read(after);
    seen.push(...ids(page));
    if (page.nextCursor === null) return seen;
    after = page.nextCursor;
  }
  throw new Error('the cursors never end');
}

describe('the partner view over a real audit store', () => {
  it('lists each request once, on the day it started, with its releases of both days, oldest first', async () => {
    const page = await auditLogOfPartner(store, 'p1', { from: D1, to: D2, first: 100 });
    expect(ids(page)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(page.nextCursor).toBeNull();
    const r2 = page.requests[1]!;
    expect(r2).toMatchObject({ at: '2026-03-10T23:00:00.200Z', outcome: 'ANSWERED' });
    expect(r2.releases.map((r) => r.source)).toEqual(['persons', 'employment']);
    expect(page.requests[2]).toMatchObject({ requestId: 'r3', outcome: null, partner: 'p1', purpose: 'UNEMPLOYMENT_BENEFIT' });
    expect(page.requests[3]).toMatchObject({ requestId: 'r4', outcome: 'REFUSED', code: 'FORBIDDEN', releases: [] });
  });

  it('shows a request that ran past midnight on either day alone, whole', async () => {
    const onD1 = await auditLogOfPartner(store, 'p1', { from: D1, to: D1 });
    expect(ids(onD1)).toEqual(['r1', 'r2']);
    expect(onD1.requests[1]!.releases.map((r) => r.source)).toEqual(['persons', 'employment']);
    const onD2 = await auditLogOfPartner(store, 'p1', { from: D2, to: D2 });
    expect(ids(onD2)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(onD2.requests[0]).toMatchObject({ requestId: 'r2', outcome: 'ANSWERED', releases: [{ source: 'employment' }] });
  });

  it('pages one at a time across the days, each request once, in the same order', async () => {
    for (const first of [1, 2, 3]) {
      expect(await walk((after) => auditLogOfPartner(store, 'p1', { from: D1, to: D2, first, after }))).toEqual([
        'r1',
        'r2',
        'r3',
        'r4',
        'r5',
      ]);
    }
  });

  it('ends the last page with no cursor, even when it is full', async () => {
    const page = await auditLogOfPartner(store, 'p1', { from: D1, to: D2, first: 5 });
    expect(ids(page)).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
  });

  it('lists nothing for a partner with no records', async () => {
    expect(await auditLogOfPartner(store, 'nobody', { from: D1, to: D2 })).toEqual({ requests: [], nextCursor: null });
  });
});

describe('the person view over a real audit store', () => {
  it('lists the requests that named the person in the range, with the gateway’s record, oldest first', async () => {
    const page = await auditLogOfPerson(store, X, { from: D1, to: D2 });
    expect(ids(page)).toEqual(['r1', 'r2', 'r3', 'r7']);
    expect(page.requests[0]).toMatchObject({ outcome: 'ANSWERED', at: '2026-03-10T09:00:00.300Z' });
    expect(page.requests[2]).toMatchObject({ outcome: null });
    expect(ids(await auditLogOfPerson(store, X, { from: '2025-01-01', to: '2025-12-31' }))).toEqual(['r6']);
    expect(ids(await auditLogOfPerson(store, Y, { from: D1, to: D2 }))).toEqual(['r5', 'r7']);
  });

  it('shows a request that named the person and released nothing about them as a lookup, found by the same index', async () => {
    const [lookup] = (await auditLogOfPerson(store, Y, { from: D2, to: D2 })).requests.filter((r) => r.requestId === 'r7');
    expect(lookup).toMatchObject({ partner: 'p2', outcome: 'ANSWERED', named: [Y, X].sort(), lookedUp: [Y, X].sort(), releases: [] });
    // r5 released Y's data: named by nothing but its release (a record written before request records named persons).
    const [released] = (await auditLogOfPerson(store, Y, { from: D2, to: D2 })).requests;
    expect(released).toMatchObject({ requestId: 'r5', lookedUp: [], releases: [{ source: 'persons', persons: [Y], delivered: true }] });
  });

  it('pages one at a time, each request once', async () => {
    expect(await walk((after) => auditLogOfPerson(store, X, { from: '2025-01-01', to: D2, first: 1, after }))).toEqual([
      'r6',
      'r1',
      'r2',
      'r3',
      'r7',
    ]);
  });
});
