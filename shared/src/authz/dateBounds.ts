import { type ArgumentBounds, type CompiledGrants } from './compileGrants.js';
import { isoDateMonthsBefore } from './isoDateMonthsBefore.js';
import { type DateArgumentBound } from './model.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest day a bounded Date argument may take on `today` (YYYY-MM-DD, Belgian calendar). */
export function earliestAllowed(bound: DateArgumentBound, today: string): string {
  return isoDateMonthsBefore(today, bound.notBeforeMonthsAgo ?? 0);
}

/**
 * Whether a value given for a bounded Date argument keeps within its bound:
 * omitted (or null) only where the bound allows it, otherwise a date on or
 * after the earliest allowed day. One rule for the gateway's preventive check
 * and the sources' graphql-shield rules, so that the two never disagree.
 */
export function dateBoundHolds(bound: DateArgumentBound, value: unknown, today: string): boolean {
  if (value === null || value === undefined) return bound.allowOmitted === true;
  return typeof value === 'string' && ISO_DATE.test(value) && value >= earliestAllowed(bound, today);
}

/** Whether every bound of one authorization holds for these arguments. */
export function boundsHold(bounds: ArgumentBounds, args: Record<string, unknown>, today: string): boolean {
  for (const [argument, bound] of bounds) if (!dateBoundHolds(bound, args[argument], today)) return false;
  return true;
}

/** Releases nothing: later than any day a source holds data for. */
const NOTHING = '9999-12-31';

/**
 * The first day of the period a source may release for one read of a field,
 * when its answer comes in whole periods (quarters, months) that overlap the
 * requested range: a period that starts before this day is not released, even
 * though the request's `argument` is within its bound, so that no release
 * reaches past the bound (docs/policies.md, "Periods released").
 *
 * The earliest day allowed for `argument` by the authorizations whose bounds
 * the request meets (the most generous of them, since any one suffices); null
 * when the field is granted without bounds (its whole history). When no
 * authorization's bounds are met — which the sources' shield rules refuse
 * before a resolver runs — nothing is released.
 */
export function releasableFrom(
  grants: CompiledGrants,
  coordinate: string,
  argument: string,
  args: Record<string, unknown>,
  today: string,
): string | null {
  const alternatives = grants.bounds.get(coordinate);
  if (!alternatives) return grants.fields.has(coordinate) ? null : NOTHING;
  let earliest: string | undefined;
  for (const bounds of alternatives) {
    if (!boundsHold(bounds, args, today)) continue;
    const bound = bounds.get(argument);
    if (!bound) return null; // this authorization does not bound the argument: nothing to clip
    const day = earliestAllowed(bound, today);
    if (earliest === undefined || day < earliest) earliest = day;
  }
  return earliest ?? NOTHING;
}
