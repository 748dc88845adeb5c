import { describe, expect, it } from 'vitest';
import { releaseRecord, requestRecord } from './__fixtures__/records.js';
import { personsIn, toAuditedRequest } from './auditedRequest.js';
import { groupByRequest, newestFirst, oldestFirst } from './groupRequests.js';
import { pageAfter } from './pageAfter.js';

describe('groupByRequest', () => {
  it('puts a request with its releases, oldest release first, keyed by its first record', () => {
    const request = requestRecord('r1', '2026-11-29T10:00:00.300Z');
    const persons = releaseRecord('r1', 'persons', '2026-11-29T10:00:00.200Z');
    const employment = releaseRecord('r1', 'employment', '2026-11-29T10:00:00.100Z');
    expect(groupByRequest([request, persons, employment, persons])).toEqual([
      { requestId: 'r1', request, releases: [employment, persons], at: '2026-11-29T10:00:00.100Z' },
    ]);
  });

  it('keeps requests apart, and one without releases or without a gateway record', () => {
    const groups = groupByRequest([
      requestRecord('r1', '2026-11-29T10:00:00.000Z'),
      releaseRecord('r2', 'persons', '2026-11-29T09:00:00.000Z'),
    ]);
    expect(groups.map((g) => [g.requestId, g.request?.requestId ?? null, g.releases.length])).toEqual([
      ['r1', 'r1', 0],
      ['r2', null, 1],
    ]);
  });
});

describe('ordering and pages', () => {
  const items = [
    { requestId: 'b', at: '2026-11-29T10:00:00.000Z' },
    { requestId: 'a', at: '2026-11-29T10:00:00.000Z' },
    { requestId: 'c', at: '2026-11-29T09:00:00.000Z' },
  ];

  it('orders oldest first, or newest first, with the request id breaking ties', () => {
    expect([...items].sort(oldestFirst).map((i) => i.requestId)).toEqual(['c', 'a', 'b']);
    expect([...items].sort(newestFirst).map((i) => i.requestId)).toEqual(['b', 'a', 'c']);
  });

  it('pages by position: each page starts after the last item of the one before, and says whether more follow', () => {
    const sorted = [...items].sort(oldestFirst);
    expect(pageAfter(sorted, null, 2, oldestFirst)).toEqual({ items: [sorted[0], sorted[1]], more: true });
    expect(pageAfter(sorted, sorted[1]!, 2, oldestFirst)).toEqual({ items: [sorted[2]], more: false });
    expect(pageAfter(sorted, sorted[2]!, 2, oldestFirst)).toEqual({ items: [], more: false });
  });

  it('resumes after the position even when the item it names is gone or a new one sorts before it', () => {
    const sorted = [...items].sort(oldestFirst);
    const withoutA = sorted.filter((i) => i.requestId !== 'a');
    expect(pageAfter(withoutA, { at: '2026-11-29T10:00:00.000Z', requestId: 'a' }, 5, oldestFirst).items).toEqual([
      { requestId: 'b', at: '2026-11-29T10:00:00.000Z' },
    ]);
    const newestFirstSorted = [...items].sort(newestFirst);
    expect(pageAfter(newestFirstSorted, newestFirstSorted[0]!, 5, newestFirst).items.map((i) => i.requestId)).toEqual(['a', 'c']);
  });
});

describe('toAuditedRequest', () => {
  it('shows the gateway record and the releases, the outcome in capitals', () => {
    const [group] = groupByRequest([
      requestRecord('r1', '2026-11-29T10:00:00.300Z', { endUser: 'agent-7', outcome: 'refused', code: 'FORBIDDEN' }),
      releaseRecord('r1', 'persons', '2026-11-29T10:00:00.200Z', { ssins: ['85073003328', '03021415813'], fields: ['Query.persons'] }),
    ]);
    expect(toAuditedRequest(group!)).toEqual({
      requestId: 'r1',
      at: '2026-11-29T10:00:00.300Z',
      partner: 'capac',
      endUser: 'agent-7',
      purpose: 'UNEMPLOYMENT_BENEFIT',
      authorizations: ['ISC/24/017'],
      operationName: 'Claimant',
      documentHash: 'd0c',
      outcome: 'REFUSED',
      code: 'FORBIDDEN',
      durationMs: 12,
      named: [],
      lookedUp: [],
      releases: [
        {
          source: 'persons',
          call: 1,
          at: '2026-11-29T10:00:00.200Z',
          persons: ['85073003328', '03021415813'],
          fields: ['Query.persons'],
          // The request was refused: nothing reached the partner.
          delivered: false,
        },
      ],
      undelivered: [],
    });
  });

  it('tells the persons only looked up from those whose data was released, and what was delivered', () => {
    const [a, b, c] = ['85073003328', '03021415813', '62110309728'];
    const persons = releaseRecord('r1', 'persons', '2026-11-29T10:00:00.100Z', { ssins: [a] });
    const employment = releaseRecord('r1', 'employment', '2026-11-29T10:00:00.200Z', { ssins: [a] });
    const request = requestRecord('r1', '2026-11-29T10:00:00.300Z', {
      ssins: [c, a, b].sort(),
      receipts: [{ id: persons._id, chain: 'persons:1', seq: 4, hash: 'a'.repeat(64) }],
      undelivered: [{ source: 'employment', call: 1, reason: 'timeout' }],
    });
    const view = toAuditedRequest(groupByRequest([request, persons, employment])[0]!);
    expect(view).toMatchObject({
      named: [b, c, a].sort(),
      lookedUp: [b, c].sort(),
      undelivered: [{ source: 'employment', call: 1, reason: 'TIMEOUT' }],
    });
    expect(view.releases.map((r) => [r.source, r.delivered])).toEqual([
      ['persons', true],
      ['employment', false],
    ]);
    // Without the gateway's record, whether anything was delivered is unknown (nothing was: the gateway stopped first).
    expect(toAuditedRequest(groupByRequest([persons])[0]!).releases[0]!.delivered).toBeNull();
  });

  it('without a gateway record: who, why and under what from the releases, no outcome, the first release’s time', () => {
    const [group] = groupByRequest([releaseRecord('r2', 'persons', '2026-11-29T10:00:00.200Z')]);
    expect(toAuditedRequest(group!)).toMatchObject({
      at: '2026-11-29T10:00:00.200Z',
      partner: 'capac',
      purpose: 'UNEMPLOYMENT_BENEFIT',
      authorizations: ['ISC/24/017'],
      outcome: null,
      code: null,
      durationMs: null,
      endUser: null,
    });
  });

  it('collects each person a page shows once', () => {
    const views = groupByRequest([
      releaseRecord('r1', 'persons', '2026-11-29T10:00:00.000Z', { ssins: ['85073003328', '03021415813'] }),
      releaseRecord('r1', 'employment', '2026-11-29T10:00:00.000Z', { ssins: ['85073003328'] }),
      releaseRecord('r2', 'persons', '2026-11-29T11:00:00.000Z', { ssins: ['62110309728'] }),
      requestRecord('r3', '2026-11-29T12:00:00.000Z', { ssins: ['90451702125'] }),
    ]).map((g) => toAuditedRequest(g));
    // Those named in a lookup too: the page shows them.
    expect(personsIn(views).sort()).toEqual(['03021415813', '62110309728', '85073003328', '90451702125']);
  });
});
