/** A period of Belgian calendar days, both ends included; `until` null for no end. */
export interface Period {
  from: string;
  until: string | null;
}

/** The day before / after an ISO date (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return shiftDay(day, -1);
}

export function dayAfter(day: string): string {
  return shiftDay(day, 1);
}

function shiftDay(day: string, by: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

/**
 * The days of `a` that are not in `b`: none, one or two periods. Used to say
 * which days an authorization is newly (or no longer) in force, rather than
 * merely that its dates changed: a later `until` and an earlier `from` are
 * both widenings, and a shift of the whole period is a widening and a
 * narrowing at once.
 */
export function periodsMinus(a: Period, b: Period): Period[] {
  const result: Period[] = [];
  // Days of a before b starts.
  if (a.from < b.from) {
    const until = a.until === null || a.until >= b.from ? dayBefore(b.from) : a.until;
    result.push({ from: a.from, until });
  }
  // Days of a after b ends.
  if (b.until !== null && (a.until === null || a.until > b.until)) {
    const from = a.from > b.until ? a.from : dayAfter(b.until);
    result.push({ from, until: a.until });
  }
  return result;
}

/** Whether `day` falls within the period. */
export function inPeriod(day: string, period: Period): boolean {
  return period.from <= day && (period.until === null || day <= period.until);
}
