import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  allowanceDaysBetween,
  dayOf,
  isoOf,
  lastDayOfMonth,
  monthNumber,
  monthOf,
  parseIso,
  weekday,
  weekdaysBetween,
  yearsBetween,
  ymdOf,
} from './calendar.js';

describe('calendar', () => {
  it('round-trips day numbers and ISO dates, inside and outside the cached years', () => {
    for (const iso of ['1970-01-01', '1900-03-01', '2000-02-29', '2026-10-31', '1899-12-31', '2150-06-15'])
      expect(isoOf(parseIso(iso))).toBe(iso);
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(ymdOf(dayOf(2024, 2, 29))).toEqual([2024, 2, 29]);
  });

  it('knows the weekdays (1970-01-01 was a Thursday)', () => {
    expect(weekday(0)).toBe(3);
    expect(weekday(parseIso('2025-01-06'))).toBe(0);
  });

  it('counts five-day and six-day weeks', () => {
    // Q1 2024: 91 days, 65 Monday–Friday.
    expect(weekdaysBetween(parseIso('2024-01-01'), parseIso('2024-03-31'))).toBe(65);
    // 1–14 December 2023: Friday to Thursday, Sundays excluded.
    expect(allowanceDaysBetween(parseIso('2023-12-01'), parseIso('2023-12-14'))).toBe(12);
    expect(allowanceDaysBetween(parseIso('2024-02-01'), parseIso('2024-02-29'))).toBe(25);
    expect(weekdaysBetween(10, 9)).toBe(0);
  });

  it('adds months and years, clamping to the end of shorter months', () => {
    expect(isoOf(addMonths(parseIso('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoOf(addMonths(parseIso('2024-03-15'), -3))).toBe('2023-12-15');
    expect(isoOf(addYears(parseIso('2024-02-29'), 1))).toBe('2025-02-28');
    expect(isoOf(lastDayOfMonth(monthNumber(2023, 2)))).toBe('2023-02-28');
    expect(monthOf(parseIso('2026-10-31'))).toBe(monthNumber(2026, 10));
  });

  it('computes ages in whole years', () => {
    const birth = parseIso('1985-07-30');
    expect(yearsBetween(birth, parseIso('2026-07-29'))).toBe(40);
    expect(yearsBetween(birth, parseIso('2026-07-30'))).toBe(41);
  });
});
