import { badUserInput } from './errors.js';

// Built once: constructing an Intl.DateTimeFormat with a time zone costs milliseconds
// (measured: 1.5–3 % of a subgraph's CPU under load when built per request).
const belgianDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Belgium as `YYYY-MM-DD`: "current" address, "active" employment and the like are Belgian calendar notions. */
export function todayInBelgium(now: Date = new Date()): string {
  return belgianDay.format(now);
}

/** Whether ISO date `day` falls in [from, to]; a null bound is open. ISO dates compare as strings. */
export function isWithin(day: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= day) && (to === null || day <= to);
}

/** Whole months from `from` to `to` (ISO dates), counting both ends: 2024-01-.. to 2024-03-.. is 3. */
export function monthsSpanned(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * Checks a [from, to] range argument: not reversed, at most `maxMonths` long.
 * Ranges bound what one request can pull out of a source.
 */
export function checkDateRange(from: string, to: string, maxMonths: number): void {
  if (from > to) throw badUserInput('The range is reversed: `from` must not be after `to`.', 'DATE_RANGE_REVERSED');
  if (monthsSpanned(from, to) > maxMonths) {
    throw badUserInput(`The range spans more than ${maxMonths} months; ask for a shorter one.`, 'DATE_RANGE_TOO_LONG');
  }
}
