import type { DirectoryPeriod } from './directoryLayout.js';

/** Whether a day lies in one of the periods (both ends included). */
export function isActiveOn(periods: readonly Pick<DirectoryPeriod, 'from' | 'until'>[], day: string): boolean {
  return periods.some((p) => p.from <= day && (p.until === null || day <= p.until));
}

/** The day after an ISO date. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export type RegistrationResult =
  { status: 'CREATED' | 'EXTENDED'; periods: DirectoryPeriod[] } | { status: 'UNCHANGED'; periods: readonly DirectoryPeriod[] };

/** Whether two periods overlap or touch (one ends the day before the other starts). */
function meets(p: Pick<DirectoryPeriod, 'from' | 'until'>, q: Pick<DirectoryPeriod, 'from' | 'until'>): boolean {
  const pReachesQ = p.until === null || nextDay(p.until) >= q.from;
  const qReachesP = q.until === null || nextDay(q.until) >= p.from;
  return pReachesQ && qReachesP;
}

/**
 * Registers a period: periods of one partner, person and capacity never
 * overlap, so a new one that overlaps or touches existing ones is merged with
 * them into one (EXTENDED), one wholly inside an existing period changes
 * nothing (UNCHANGED), and one apart from all is added (CREATED when the entry
 * had no period, EXTENDED otherwise).
 */
export function registerPeriod(existing: readonly DirectoryPeriod[], added: DirectoryPeriod): RegistrationResult {
  const covers = (p: DirectoryPeriod) => p.from <= added.from && (p.until === null || (added.until !== null && added.until <= p.until));
  if (existing.some(covers)) return { status: 'UNCHANGED', periods: existing };
  let merged: DirectoryPeriod = added;
  const apart: DirectoryPeriod[] = [];
  for (const p of existing) {
    if (!meets(p, added)) {
      apart.push(p);
      continue;
    }
    // The earliest registration of a merged file stays its record.
    const earlier = p.from <= merged.from;
    merged = {
      ...merged,
      from: earlier ? p.from : merged.from,
      until: p.until === null || merged.until === null ? null : p.until > merged.until ? p.until : merged.until,
      recordedAt: earlier ? p.recordedAt : merged.recordedAt,
      recordedBy: earlier ? p.recordedBy : merged.recordedBy,
    };
  }
  const periods = [...apart, merged].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { status: existing.length === 0 ? 'CREATED' : 'EXTENDED', periods };
}

export type EndResult = { status: 'ENDED'; periods: DirectoryPeriod[] } | { status: 'NOT_FOLLOWED'; periods: readonly DirectoryPeriod[] };

/**
 * Ends the partner's file on the person in this capacity on `day` (included):
 * the period running on that day, or open after it, ends then; a period that
 * starts after `day` is withdrawn. NOT_FOLLOWED when nothing runs on or after it.
 */
export function endPeriods(existing: readonly DirectoryPeriod[], day: string, endedAt: string, endedBy: string): EndResult {
  let changed = false;
  const periods: DirectoryPeriod[] = [];
  for (const p of existing) {
    if (p.from > day) {
      changed = true; // A period that had not started is withdrawn.
      continue;
    }
    if (p.until === null || p.until > day) {
      periods.push({ ...p, until: day, endedAt, endedBy });
      changed = true;
    } else {
      periods.push(p);
    }
  }
  return changed ? { status: 'ENDED', periods } : { status: 'NOT_FOLLOWED', periods: existing };
}
