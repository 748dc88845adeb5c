import { describe, expect, it } from 'vitest';
import { releaseRecord, requestRecord } from './__fixtures__/records.js';
import { accessLogCandidates, toAccessLogEntry } from './accessLogEntries.js';
import type { StoredRecord } from './storedRecords.js';

const names: Record<string, string> = { capac: 'HVW/CAPAC', sfpd: 'SFPD/FPD' };
const partnerName = (id: string) => names[id] ?? id;
const CITIZEN = '85073003328';

/** The entries as the resolver makes them, each with its request record as found among `records` (or none). */
function entriesOf(records: StoredRecord[]) {
  return accessLogCandidates(records).map((c) => toAccessLogEntry(c, c.request, partnerName));
}

describe("a citizen's access log entries", () => {
  it('makes one entry per request, at its first release, with the fields of each source in source order', () => {
    const persons = releaseRecord('r1', 'persons', '2026-11-29T10:00:00.100Z', { fields: ['Person.name', 'Query.person'] });
    const unemployment = releaseRecord('r1', 'unemployment', '2026-11-29T10:00:00.200Z', { fields: ['Person.unemploymentStatus'] });
    const request = requestRecord('r1', '2026-11-29T10:00:00.300Z', {
      ssins: [CITIZEN],
      receipts: [persons, unemployment].map((r) => ({ id: r._id, chain: 'c', seq: 0, hash: '0'.repeat(64) })),
    });
    expect(entriesOf([unemployment, persons, request])).toEqual([
      {
        requestId: 'r1',
        at: '2026-11-29T10:00:00.100Z',
        kind: 'DATA_RELEASED',
        partner: { id: 'capac', name: 'HVW/CAPAC' },
        purpose: 'UNEMPLOYMENT_BENEFIT',
        authorizations: ['ISC/24/017'],
        data: [
          { source: 'persons', fields: ['Person.name', 'Query.person'], delivered: true },
          { source: 'unemployment', fields: ['Person.unemploymentStatus'], delivered: true },
        ],
      },
    ]);
  });

  it('says when the partner did not receive what a source released', () => {
    const persons = releaseRecord('r1', 'persons', '2026-11-29T10:00:00.100Z');
    const employment = releaseRecord('r1', 'employment', '2026-11-29T10:00:00.200Z');
    const request = requestRecord('r1', '2026-11-29T10:00:05.300Z', {
      receipts: [{ id: persons._id, chain: 'c', seq: 0, hash: '0'.repeat(64) }],
      undelivered: [{ source: 'employment', call: 1, reason: 'timeout' }],
    });
    const [candidate] = accessLogCandidates([persons, employment]);
    expect(toAccessLogEntry(candidate!, request, partnerName).data.map((d) => [d.source, d.delivered])).toEqual([
      ['employment', false],
      ['persons', true],
    ]);
    // Without the gateway's record the partner received nothing.
    expect(toAccessLogEntry(candidate!, null, partnerName).data.every((d) => !d.delivered)).toBe(true);
  });

  it('lists an answered lookup that released nothing about the citizen, and not a refused one', () => {
    const entries = entriesOf([
      requestRecord('looked', '2026-11-29T09:00:00.000Z', { ssins: [CITIZEN, '03021415813'] }),
      requestRecord('refused', '2026-11-29T09:30:00.000Z', { ssins: [CITIZEN], outcome: 'refused', code: 'FORBIDDEN' }),
      requestRecord('failed', '2026-11-29T09:40:00.000Z', { ssins: [CITIZEN], outcome: 'failed', code: 'SOURCE_UNAVAILABLE' }),
    ]);
    expect(entries).toEqual([
      {
        requestId: 'looked',
        at: '2026-11-29T09:00:00.000Z',
        kind: 'LOOKED_UP',
        partner: { id: 'capac', name: 'HVW/CAPAC' },
        purpose: 'UNEMPLOYMENT_BENEFIT',
        authorizations: ['ISC/24/017'],
        data: [],
      },
    ]);
  });

  it('leaves out the citizen’s own reads of their log', () => {
    const entries = entriesOf([
      releaseRecord('own', 'audit', '2026-11-29T10:00:00.000Z', { partnerId: 'citizen', purpose: 'CITIZEN_ACCESS_LOG' }),
      requestRecord('own', '2026-11-29T10:00:00.100Z', { partnerId: 'citizen', purpose: 'CITIZEN_ACCESS_LOG', ssins: [CITIZEN] }),
      releaseRecord('r2', 'persons', '2026-11-29T11:00:00.000Z', { partnerId: 'sfpd', purpose: 'PENSION_CALCULATION' }),
    ]);
    expect(entries.map((e) => [e.requestId, e.partner])).toEqual([['r2', { id: 'sfpd', name: 'SFPD/FPD' }]]);
  });

  it('names a partner no longer in the register by its id', () => {
    const [entry] = entriesOf([releaseRecord('r3', 'persons', '2026-11-29T10:00:00.000Z', { partnerId: 'gone' })]);
    expect(entry!.partner).toEqual({ id: 'gone', name: 'gone' });
  });
});
