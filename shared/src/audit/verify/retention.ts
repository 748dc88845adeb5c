/** Ten years: the default time audit records are kept. */
export const DEFAULT_RETENTION_DAYS = 3650;
export const AUDIT_RETENTION_DAYS_ENV = 'AUDIT_RETENTION_DAYS';

const DAY_MS = 86_400_000;

/** Records made before this instant are past retention. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1)
    throw new RangeError('The retention must be a whole number of days, at least 1.');
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`: the day a stored document was last used is kept in these. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Documents last used on a day before this one are past retention. A day
 * earlier than the cutoff's own: a request notes its document and its record
 * takes its `at` from two readings of the clock, a moment apart but possibly
 * either side of midnight. So a document last used before this day was last
 * used more than a day before the cutoff, and every record that names it was
 * made before the cutoff.
 */
export function documentCutoffDay(cutoff: Date): string {
  return utcDay(new Date(cutoff.getTime() - DAY_MS));
}

/** True when an ISO time is before the cutoff; an unreadable time never is, so it is never archived. */
export function isBefore(at: unknown, cutoff: Date): boolean {
  return typeof at === 'string' && Date.parse(at) < cutoff.getTime();
}

/** AUDIT_RETENTION_DAYS, or the default: archive and verify must agree on it, so both read it from the same place. */
export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[AUDIT_RETENTION_DAYS_ENV];
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isSafeInteger(days) || days < 1) throw new Error(`${AUDIT_RETENTION_DAYS_ENV} must be a whole number of days, at least 1.`);
  return days;
}
