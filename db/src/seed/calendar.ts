/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC) and month
 * numbers (year × 12 + month − 1). The generator handles millions of dates;
 * integers are much faster than `Date` objects and have no time zone to get
 * wrong. Days are inclusive at both ends everywhere, as in the sources.
 */

/** Day number of a calendar date (Howard Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `[year, month, day]` of a day number (civil_from_days). */
export function ymdOf(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (month <= 2 ? 1 : 0), month, day];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// Dates 1900–2099 are decoded once: the generator converts millions of day numbers.
const CACHE_FROM = dayOf(1900, 1, 1);
const CACHE_TO = dayOf(2099, 12, 31);
const isoCache: string[] = [];
const monthCache = new Int32Array(CACHE_TO - CACHE_FROM + 1);
const dayOfMonthCache = new Uint8Array(CACHE_TO - CACHE_FROM + 1);
for (let d = CACHE_FROM; d <= CACHE_TO; d++) {
  const [y, m, dd] = ymdOf(d);
  isoCache.push(`${y}-${pad2(m)}-${pad2(dd)}`);
  monthCache[d - CACHE_FROM] = y * 12 + m - 1;
  dayOfMonthCache[d - CACHE_FROM] = dd;
}
const inCache = (dayNumber: number) => dayNumber >= CACHE_FROM && dayNumber <= CACHE_TO;

/** The calendar year of a day. */
export function yearOf(dayNumber: number): number {
  return Math.floor(monthOf(dayNumber) / 12);
}

/** `YYYY-MM-DD` */
export function isoOf(dayNumber: number): string {
  const cached = isoCache[dayNumber - CACHE_FROM];
  if (cached !== undefined) return cached;
  const [y, m, d] = ymdOf(dayNumber);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of `YYYY-MM-DD` (no `00` parts: callers resolve unknown parts first). */
export function parseIso(iso: string): number {
  return dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Days in [from, to] whose weekday is below `perWeek` (5: Monday–Friday, 6: Monday–Saturday). */
function countWorkingDays(from: number, to: number, perWeek: number): number {
  if (to < from) return 0;
  const total = to - from + 1;
  const weeks = Math.floor(total / 7);
  let count = weeks * perWeek;
  const start = weekday(from);
  for (let i = 0; i < total - weeks * 7; i++) if ((start + i) % 7 < perWeek) count++;
  return count;
}

/** Monday–Friday days in [from, to]: the DmfA's five-day week. */
export const weekdaysBetween = (from: number, to: number) => countWorkingDays(from, to, 5);
/** Monday–Saturday days in [from, to]: the unemployment allowance's six-day week. */
export const allowanceDaysBetween = (from: number, to: number) => countWorkingDays(from, to, 6);

/** Month number (year × 12 + month − 1) of a day. */
export function monthOf(dayNumber: number): number {
  if (inCache(dayNumber)) return monthCache[dayNumber - CACHE_FROM]!;
  const [y, m] = ymdOf(dayNumber);
  return y * 12 + m - 1;
}

export const monthNumber = (year: number, month: number) => year * 12 + month - 1;
const FIRST_CACHED_MONTH = 1900 * 12;
const monthStarts = Array.from({ length: 200 * 12 + 1 }, (_, i) =>
  dayOf(Math.floor((FIRST_CACHED_MONTH + i) / 12), ((FIRST_CACHED_MONTH + i) % 12) + 1, 1),
);
export function firstDayOfMonth(monthNo: number): number {
  return monthStarts[monthNo - FIRST_CACHED_MONTH] ?? dayOf(Math.floor(monthNo / 12), (monthNo % 12) + 1, 1);
}
export const lastDayOfMonth = (monthNo: number) => firstDayOfMonth(monthNo + 1) - 1;

/** `YYYY-MM` */
export function isoMonth(monthNo: number): string {
  return `${Math.floor(monthNo / 12)}-${pad2((monthNo % 12) + 1)}`;
}

/** The same calendar day `years` later (29 February becomes 28 February in common years). */
export function addYears(dayNumber: number, years: number): number {
  return addMonths(dayNumber, 12 * years);
}

/** The same day of the month `months` later, clamped to the month's last day. */
export function addMonths(dayNumber: number, months: number): number {
  const target = monthOf(dayNumber) + months;
  return Math.min(firstDayOfMonth(target) + dayOfMonth(dayNumber) - 1, lastDayOfMonth(target));
}

function dayOfMonth(dayNumber: number): number {
  return inCache(dayNumber) ? dayOfMonthCache[dayNumber - CACHE_FROM]! : ymdOf(dayNumber)[2];
}

/** Whole years from `birth` to `day` (an age). */
export function yearsBetween(birth: number, day: number): number {
  const months = monthOf(day) - monthOf(birth) - (dayOfMonth(day) < dayOfMonth(birth) ? 1 : 0);
  return Math.floor(months / 12);
}

/** Quarter number (year × 4 + quarter − 1) and its bounds. */
export const quarterNumber = (year: number, quarter: number) => year * 4 + quarter - 1;
export const firstDayOfQuarter = (q: number) => dayOf(Math.floor(q / 4), (q % 4) * 3 + 1, 1);
export const lastDayOfQuarter = (q: number) => firstDayOfQuarter(q + 1) - 1;
