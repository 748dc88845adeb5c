import { timeRangeReversed, timeRangeTooLong } from './auditQueryErrors.js';

/**
 * How many Belgian calendar days, both ends included, one call of each query
 * may cover. They bound what one call reads: the partner view reads one
 * partner-day per day, the others read all of a person's releases and keep
 * those in range.
 */
export const maxDays = {
  auditLogOfPartner: 31,
  auditLogOfPerson: 3660,
  accessLog: 366,
} as const;

export type AuditQuery = keyof typeof maxDays;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (already checked by the Date scalar) as a UTC midnight, for day arithmetic only. */
function utc(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return new Date(utc(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function dayCount(from: string, to: string): number {
  return Math.max(0, Math.round((utc(to) - utc(from)) / DAY_MS) + 1);
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  return Array.from({ length: dayCount(from, to) }, (_, i) => addDays(from, i));
}

/** Refuses a reversed range, or one longer than the query allows, before anything is read. */
export function checkDayRange(query: AuditQuery, from: string, to: string): void {
  if (to < from) throw timeRangeReversed(query, from, to);
  const days = dayCount(from, to);
  if (days > maxDays[query]) throw timeRangeTooLong(query, from, to, days, maxDays[query]);
}

/**
 * The Belgian day a record was made on, as its writer saw it: the day part of
 * `partnerDay` (`<partner>|<day>`), which is what the partner view looks up.
 */
export function recordDay(record: { partnerDay: string }): string {
  return record.partnerDay.slice(record.partnerDay.lastIndexOf('|') + 1);
}
