import { describe, expect, it } from 'vitest';
import { releaseRecord } from './__fixtures__/records.js';
import { toAccessLogEntries } from './accessLogEntries.js';

const names: Record<string, string> = { capac: 'HVW/CAPAC', sfpd: 'SFPD/FPD' };
const partnerName = (id: string) => names[id] ?? id;

describe('toAccessLogEntries', () => {
  it('makes one entry per request, at its first release, with the fields of each source in source order', () => {
    const entries = toAccessLogEntries(
      [
        releaseRecord('r1', 'unemployment', '2026-11-29T10:00:00.200Z', { fields: ['Person.unemploymentStatus'] }),
        releaseRecord('r1', 'persons', '2026-11-29T10:00:00.100Z', { fields: ['Person.name', 'Query.person'] }),
      ],
      partnerName,
    );
    expect(entries).toEqual([
      {
        requestId: 'r1',
        at: '2026-11-29T10:00:00.100Z',
        partner: { id: 'capac', name: 'HVW/CAPAC' },
        purpose: 'UNEMPLOYMENT_BENEFIT',
        authorizations: ['ISC/24/017'],
        data: [
          { source: 'persons', fields: ['Person.name', 'Query.person'] },
          { source: 'unemployment', fields: ['Person.unemploymentStatus'] },
        ],
      },
    ]);
  });

  it('leaves out the citizen’s own reads of their log', () => {
    const entries = toAccessLogEntries(
      [
        releaseRecord('own', 'audit', '2026-11-29T10:00:00.000Z', { partnerId: 'citizen', purpose: 'CITIZEN_ACCESS_LOG' }),
        releaseRecord('r2', 'persons', '2026-11-29T11:00:00.000Z', { partnerId: 'sfpd', purpose: 'PENSION_CALCULATION' }),
      ],
      partnerName,
    );
    expect(entries.map((e) => [e.requestId, e.partner])).toEqual([['r2', { id: 'sfpd', name: 'SFPD/FPD' }]]);
  });

  it('names a partner no longer in the register by its id', () => {
    const [entry] = toAccessLogEntries([releaseRecord('r3', 'persons', '2026-11-29T10:00:00.000Z', { partnerId: 'gone' })], partnerName);
    expect(entry!.partner).toEqual({ id: 'gone', name: 'gone' });
  });
});
