import { describe, expect, it } from 'vitest';
import { belgianDayOf } from './belgianDay.js';
import { addDays, checkDayRange, dayCount, daysBetween, maxDays, recordDay } from './dayRange.js';

/** The error a call throws, as code and message. */
function refusalOf(run: () => void): { code: unknown; status: unknown; message: string } {
  try {
    run();
  } catch (error) {
    const { extensions, message } = error as { extensions: { code: unknown; http?: { status: unknown } }; message: string };
    return { code: extensions.code, status: extensions.http?.status, message };
  }
  throw new Error('expected a refusal');
}

describe('checkDayRange', () => {
  it('accepts one day, and exactly the longest range of each query', () => {
    expect(() => checkDayRange('auditLogOfPartner', '2026-11-29', '2026-11-29')).not.toThrow();
    expect(() => checkDayRange('auditLogOfPartner', '2026-01-01', '2026-01-31')).not.toThrow();
    expect(() => checkDayRange('accessLog', '2024-01-01', '2024-12-31')).not.toThrow(); // 366 days, a leap year
    expect(() => checkDayRange('auditLogOfPerson', '2016-01-01', addDays('2016-01-01', 3659))).not.toThrow();
  });

  it('refuses a reversed range with TIME_RANGE_REVERSED, naming both days', () => {
    expect(refusalOf(() => checkDayRange('auditLogOfPartner', '2026-11-29', '2026-11-28'))).toEqual({
      code: 'TIME_RANGE_REVERSED',
      status: 400,
      message:
        'auditLogOfPartner: `to` (2026-11-28) is before `from` (2026-11-29); give the earlier Belgian day as `from`. Both days are included.',
    });
  });

  it('refuses one day more than the limit with TIME_RANGE_TOO_LONG, naming the limit and the length asked for', () => {
    expect(refusalOf(() => checkDayRange('auditLogOfPartner', '2026-01-01', '2026-02-01'))).toEqual({
      code: 'TIME_RANGE_TOO_LONG',
      status: 400,
      message:
        'auditLogOfPartner covers at most 31 days, both ends included; 2026-01-01 to 2026-02-01 is 32 days. Ask for shorter ranges one after the other.',
    });
    expect(refusalOf(() => checkDayRange('accessLog', '2025-01-01', '2026-01-02')).message).toContain('at most 366 days');
    expect(refusalOf(() => checkDayRange('auditLogOfPerson', '2016-01-01', addDays('2016-01-01', 3660))).message).toContain(
      'at most 3,660 days, both ends included; 2016-01-01 to 2026-01-08 is 3,661 days',
    );
  });

  it('has the documented limits', () => {
    expect(maxDays).toEqual({ auditLogOfPartner: 31, auditLogOfPerson: 3660, accessLog: 366 });
  });
});

describe('days', () => {
  it('lists every day of a range, both ends included, across a month end, a leap day and a DST change', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysBetween('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(daysBetween('2026-11-29', '2026-11-29')).toEqual(['2026-11-29']);
    expect(daysBetween('2026-11-29', '2026-11-28')).toEqual([]);
    expect(dayCount('2025-12-31', '2026-01-01')).toBe(2);
  });

  it('takes the day of a record from its partnerDay, whatever the partner id', () => {
    expect(recordDay({ partnerDay: 'capac|2026-11-29' })).toBe('2026-11-29');
    expect(recordDay({ partnerDay: '-|2026-11-29' })).toBe('2026-11-29');
  });

  it('tells the Belgian day of an instant, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(belgianDayOf('2026-01-15T22:59:59.999Z')).toBe('2026-01-15');
    expect(belgianDayOf('2026-01-15T23:00:00.000Z')).toBe('2026-01-16');
    expect(belgianDayOf('2026-07-15T21:59:59.999Z')).toBe('2026-07-15');
    expect(belgianDayOf('2026-07-15T22:00:00.000Z')).toBe('2026-07-16');
  });
});
