import { describe, expect, it } from 'vitest';
import { isoDateMonthsBefore } from './isoDateMonthsBefore.js';

describe('isoDateMonthsBefore', () => {
  it('keeps the day of the month', () => {
    expect(isoDateMonthsBefore('2025-06-15', 36)).toBe('2022-06-15');
  });

  it('crosses year boundaries', () => {
    expect(isoDateMonthsBefore('2025-01-10', 1)).toBe('2024-12-10');
  });

  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(isoDateMonthsBefore('2024-05-31', 3)).toBe('2024-02-29');
    expect(isoDateMonthsBefore('2025-03-31', 1)).toBe('2025-02-28');
  });

  it('is the day itself for zero months', () => {
    expect(isoDateMonthsBefore('2025-06-15', 0)).toBe('2025-06-15');
  });
});
