import { describe, expect, it } from 'vitest';
import { documentCutoffDay, retentionCutoff, utcDay } from './retention.js';

describe('the retention of GraphQL documents', () => {
  it('counts days in UTC, as the records’ times are', () => {
    expect(utcDay(new Date('2026-11-14T23:30:00+01:00'))).toBe('2026-11-14');
    expect(utcDay(new Date('2026-11-15T00:30:00+01:00'))).toBe('2026-11-14');
  });

  it('keeps a document a full day beyond the day of the cutoff, whatever time the cutoff falls at', () => {
    expect(documentCutoffDay(new Date('2016-11-17T00:00:00Z'))).toBe('2016-11-16');
    expect(documentCutoffDay(new Date('2016-11-17T23:59:59Z'))).toBe('2016-11-16');
  });

  it('removes a document only when every record naming it is past retention, though a record’s time may fall after midnight', () => {
    const cutoff = retentionCutoff(new Date('2026-11-15T00:00:00Z'), 3650);
    // The last use noted at the latest moment of a day that counts as past retention, and its record a second later.
    const lastDayPast = new Date(`${documentCutoffDay(cutoff)}T00:00:00Z`).getTime() - 1;
    expect(utcDay(new Date(lastDayPast)) < documentCutoffDay(cutoff)).toBe(true);
    expect(lastDayPast + 1000).toBeLessThan(cutoff.getTime());
  });
});
