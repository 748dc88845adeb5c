import { describe, expect, it } from 'vitest';
import type { DirectoryPeriod } from './directoryLayout.js';
import { endPeriods, isActiveOn, nextDay, registerPeriod } from './periods.js';

const p = (from: string, until: string | null, by = 'capac'): DirectoryPeriod => ({
  from,
  until,
  recordedAt: '2026-01-01T00:00:00Z',
  recordedBy: by,
});
const days = (periods: readonly DirectoryPeriod[]) => periods.map((x) => `${x.from}..${x.until ?? ''}`);

describe('registerPeriod', () => {
  it('creates the first period of an entry', () => {
    const result = registerPeriod([], p('2024-01-01', null));
    expect(result.status).toBe('CREATED');
    expect(days(result.periods)).toEqual(['2024-01-01..']);
  });

  it('changes nothing for a period inside an existing one', () => {
    expect(registerPeriod([p('2024-01-01', null)], p('2025-03-01', '2025-04-30')).status).toBe('UNCHANGED');
    expect(registerPeriod([p('2024-01-01', '2024-12-31')], p('2024-01-01', '2024-12-31')).status).toBe('UNCHANGED');
  });

  it('is not inside when it runs on where the existing one ends', () => {
    const result = registerPeriod([p('2024-01-01', '2024-12-31')], p('2024-06-01', null));
    expect(result.status).toBe('EXTENDED');
    expect(days(result.periods)).toEqual(['2024-01-01..']);
  });

  it('merges periods it overlaps or touches into one, never leaving two that overlap', () => {
    const existing = [p('2020-01-01', '2020-06-30'), p('2021-01-01', '2021-12-31'), p('2023-01-01', null)];
    const result = registerPeriod(existing, p('2020-07-01', '2021-03-31'));
    expect(result.status).toBe('EXTENDED');
    expect(days(result.periods)).toEqual(['2020-01-01..2021-12-31', '2023-01-01..']);
  });

  it('adds a period apart from the others, in order', () => {
    const result = registerPeriod([p('2023-01-01', null)], p('2020-01-01', '2020-12-30'));
    expect(days(result.periods)).toEqual(['2020-01-01..2020-12-30', '2023-01-01..']);
  });

  it('keeps the first registration as the record of a merged period', () => {
    const result = registerPeriod([p('2020-01-01', '2020-12-31', 'seed')], p('2021-01-01', null, 'capac'));
    expect(result.periods).toEqual([expect.objectContaining({ from: '2020-01-01', until: null, recordedBy: 'seed' })]);
  });
});

describe('endPeriods', () => {
  it('ends the open period on the day given, included', () => {
    const result = endPeriods([p('2024-01-01', null)], '2026-11-30', 'T', 'capac');
    expect(result.status).toBe('ENDED');
    expect(result.periods).toEqual([expect.objectContaining({ until: '2026-11-30', endedBy: 'capac' })]);
    expect(isActiveOn(result.periods, '2026-11-30')).toBe(true);
    expect(isActiveOn(result.periods, nextDay('2026-11-30'))).toBe(false);
  });

  it('withdraws a period that had not started, and says when nothing runs', () => {
    expect(days(endPeriods([p('2020-01-01', '2020-12-31'), p('2027-01-01', null)], '2026-06-01', 'T', 'x').periods)).toEqual([
      '2020-01-01..2020-12-31',
    ]);
    expect(endPeriods([p('2020-01-01', '2020-12-31')], '2026-06-01', 'T', 'x').status).toBe('NOT_FOLLOWED');
  });
});

describe('nextDay', () => {
  it('crosses months and leap days', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});
