/**
 * `day` (YYYY-MM-DD) minus `months` calendar months, clamped to the end of the
 * month: 2024-05-31 minus 3 months is 2024-02-29, so that "36 months back"
 * never reaches into a month the committee did not allow.
 */
export function isoDateMonthsBefore(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const dayOfMonth = Number(day.slice(8, 10));
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const d = Math.min(dayOfMonth, lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
