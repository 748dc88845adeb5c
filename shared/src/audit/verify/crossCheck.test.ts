import { describe, expect, it } from 'vitest';
import { hashRecord } from '../hashRecord.js';
import { recordIdOf, type AuditRecord, type AuditRecordBody, type ReleaseRecordBody, type RequestRecordBody } from '../records.js';
import { ReleaseLedger } from './crossCheck.js';
import type { ChainReport } from './report.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const common = { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationIds: ['ISC/24/017'], partnerDay: 'capac|2026-11-29' };

/** A stored record, chained where the test says. */
function stored(body: AuditRecordBody, chain: string, seq: number, at: string): AuditRecord {
  const unsigned = { ...body, _id: recordIdOf(body), chain, seq, prev: null, at };
  return { ...unsigned, hash: hashRecord(unsigned as Omit<AuditRecord, 'hash'>) } as AuditRecord;
}
const release = (requestId: string, source: string, seq: number, at = '2026-11-29T10:00:00.000Z', call?: number) =>
  stored(
    {
      ...common,
      kind: 'release',
      requestId,
      source,
      ssins: ['85073003328'],
      fields: ['Query.person'],
      ...(call ? { call } : {}),
    } as ReleaseRecordBody,
    `${source}:1`,
    seq,
    at,
  );
const request = (
  requestId: string,
  seq: number,
  fields: Partial<RequestRecordBody>,
  at = '2026-11-29T10:00:01.000Z',
  chain = 'gateway:1',
) =>
  stored(
    {
      ...common,
      kind: 'request',
      requestId,
      endUser: null,
      operationName: null,
      documentHash: null,
      outcome: 'answered',
      code: null,
      durationMs: 5,
      ssins: ['85073003328'],
      receipts: [],
      undelivered: [],
      ...fields,
    },
    chain,
    seq,
    at,
  );
const receipt = (r: AuditRecord) => ({ id: r._id, chain: r.chain, seq: r.seq, hash: r.hash });
const chainReport = (chain: string, fields: Partial<ChainReport> = {}): ChainReport => ({
  chain,
  records: 1,
  firstSeq: 0,
  lastSeq: 0,
  checkpoints: 0,
  witnessed: 0,
  archivedThrough: null,
  end: 'closed',
  continuedIn: null,
  unsigned: 0,
  newestCheckpointAt: null,
  lastRecordAt: null,
  problems: [],
  ...fields,
});

function check(records: AuditRecord[], chains: ChainReport[] = [], cutoff?: Date) {
  const ledger = new ReleaseLedger();
  records.forEach((r) => ledger.note(r));
  const names = new Set([...records.map((r) => r.chain), ...chains.map((c) => c.chain)]);
  const reports = [...names].map((name) => chains.find((c) => c.chain === name) ?? chainReport(name));
  return ledger.check(reports, cutoff, NOW);
}

describe('the cross-check of request records and releases', () => {
  it('accepts releases listed by receipt with the hash they are stored with', () => {
    const persons = release('r1', 'persons', 0);
    const { problems, report } = check([persons, request('r1', 0, { receipts: [receipt(persons)] })]);
    expect(problems).toEqual([]);
    expect(report).toEqual({ requests: 1, receipts: 1, archived: 0, notDelivered: 0, pastRetention: 0, inFlight: 0, unmatched: [] });
  });

  it('a listed release that is not stored: release-missing, at the receipt, naming the request record', () => {
    const persons = release('r1', 'persons', 4);
    const { problems } = check([request('r1', 0, { receipts: [receipt(persons)] })]);
    expect(problems).toEqual([
      {
        chain: 'persons:1',
        seq: 4,
        recordId: 'request:r1',
        kind: 'release-missing',
        detail: expect.stringContaining('which is not stored'),
      },
    ]);
  });

  it('a listed release stored with another hash (rewritten, its chain recomputed): release-mismatch', () => {
    const persons = release('r1', 'persons', 4);
    const rewritten = release('r1', 'persons', 4, '2026-11-29T09:00:00.000Z');
    const { problems } = check([rewritten, request('r1', 0, { receipts: [receipt(persons)] })]);
    expect(problems.map((p) => p.kind)).toEqual(['release-mismatch']);
  });

  it('a listed release whose chain archival cut past it is archived, not missing', () => {
    const persons = release('r1', 'persons', 4);
    const { problems, report } = check(
      [request('r1', 0, { receipts: [receipt(persons)] })],
      [chainReport('persons:1', { archivedThrough: 9 })],
    );
    expect([problems, report.archived]).toEqual([[], 1]);
  });

  it('counts releases the partner did not get: a call given up on, or a request not answered', () => {
    const persons = release('r1', 'persons', 0);
    const employment = release('r1', 'employment', 0);
    const late = release('r2', 'persons', 1);
    const { problems, report } = check([
      persons,
      employment,
      late,
      request('r1', 0, { receipts: [receipt(persons)], undelivered: [{ source: 'employment', call: 1, reason: 'timeout' }] }),
      request('r2', 1, { outcome: 'failed', code: 'AUDIT_UNAVAILABLE', receipts: [receipt(late)] }),
    ]);
    expect([problems, report.notDelivered, report.unmatched]).toEqual([[], 2, []]);
  });

  it('lists, without crying tampering, releases no request accounts for, with the likeliest reason', () => {
    // It last wrote at 09:59:59: the release of 10:00 is explained by its death, the one of 11:00 is not.
    const stoppedGateway = chainReport('gateway:dead', { end: 'stopped', newestCheckpointAt: '2026-11-29T09:59:59.000Z' });
    const orphanWhileDead = release('gone', 'persons', 0, '2026-11-29T10:00:00.000Z');
    const orphanWhileAlive = release('lost', 'employment', 0, '2026-11-29T11:00:00.000Z');
    const unlisted = release('r3', 'unemployment', 0, '2026-11-29T10:30:00.000Z');
    const recent = release('now', 'audit', 0, '2026-11-29T11:59:30.000Z');
    const { problems, report } = check(
      [
        request('old', 0, {}, '2026-11-29T08:00:00.000Z', 'gateway:dead'),
        orphanWhileDead,
        orphanWhileAlive,
        unlisted,
        recent,
        request('r3', 0, {}, '2026-11-29T10:30:01.000Z', 'gateway:alive'),
        request('r4', 1, {}, '2026-11-29T11:30:00.000Z', 'gateway:alive'),
      ],
      [stoppedGateway, chainReport('gateway:alive', { end: 'open', lastSeq: 1, records: 2 })],
    );
    expect(problems).toEqual([]);
    expect(report.unmatched.map((u) => [u.id, u.reason])).toEqual([
      [orphanWhileDead._id, 'gateway-stopped'],
      [unlisted._id, 'not-listed'],
      [orphanWhileAlive._id, 'request-not-recorded'],
    ]);
    expect(report.inFlight).toBe(1);
  });

  it('matches the releases of request records written before receipts by request id only', () => {
    const legacy = request('r1', 0, {});
    delete (legacy as { receipts?: unknown }).receipts;
    const { problems, report } = check([release('r1', 'persons', 0), legacy]);
    expect([problems, report.requests, report.unmatched]).toEqual([[], 0, []]);
  });
});
