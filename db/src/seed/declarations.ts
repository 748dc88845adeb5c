import type { QuarterlyDeclarationDoc } from '../layout.js';
import { firstDayOfMonth, firstDayOfQuarter, lastDayOfMonth, lastDayOfQuarter, monthOf, weekdaysBetween, yearOf } from './calendar.js';
import type { Job } from './jobs.js';
import { DATA_END, FIRST_DECLARED_QUARTER, LAST_DECLARED_QUARTER } from './period.js';
import type { TemporaryMonth } from './temporaryUnemployment.js';

/** A full quarter at five days a week has about 65 working days; a month's wage covers about 21.7 of them. */
const WORKDAYS_PER_MONTH = 65 / 3;

interface QuarterLine {
  grossWageCents: number;
  daysWorked: number;
}

/** Wage and days of one job in one quarter (the part of it the job covers). */
function quarterLine(job: Job, quarter: number, end: number, temporaryDays: ReadonlyMap<number, number>): QuarterLine | null {
  const from = Math.max(job.start, firstDayOfQuarter(quarter));
  const to = Math.min(end, lastDayOfQuarter(quarter));
  if (to < from) return null;
  if (job.dailyWageCents !== null) {
    // Occasional workers: paid and counted by the day.
    const days = to - from + 1;
    return { grossWageCents: days * job.dailyWageCents, daysWorked: days };
  }
  const share = job.workingTimePercent / 100;
  let gross = 0;
  let lostWorkdays = 0;
  for (let m = monthOf(from); m <= monthOf(to); m++) {
    const monthFrom = Math.max(from, firstDayOfMonth(m));
    const monthTo = Math.min(to, lastDayOfMonth(m));
    // Pro rata of the calendar days covered, as payroll does for a month begun or ended midway.
    gross += (job.monthlyWageCents * share * (monthTo - monthFrom + 1)) / (lastDayOfMonth(m) - firstDayOfMonth(m) + 1);
    // Temporary unemployment days are paid by the RVA (six-day week), not by the employer (five-day week).
    lostWorkdays += Math.round(((temporaryDays.get(m) ?? 0) * 5) / 6);
  }
  gross -= (lostWorkdays * job.monthlyWageCents * share) / WORKDAYS_PER_MONTH;
  const days = Math.max(0, Math.round((weekdaysBetween(from, to) - lostWorkdays) * share));
  return { grossWageCents: Math.max(0, Math.round(gross)), daysWorked: days };
}

/**
 * End-of-year premium ("13th month", DmfA remuneration code 2, not tied to
 * days worked): pro rata of the year's days in service, paid in Q4, or in the
 * quarter the job ends. Only ordinary workers; students and flexi-jobs have none.
 */
function endOfYearPremium(job: Job, quarter: number, end: number): number {
  if (job.workerType !== 'OTH' && job.workerType !== 'BCW') return 0;
  const quarterEnd = lastDayOfQuarter(quarter);
  const year = yearOf(quarterEnd);
  const yearEnd = lastDayOfQuarter(year * 4 + 3);
  const paidNow = quarterEnd === yearEnd ? end >= firstDayOfQuarter(quarter) : end >= firstDayOfQuarter(quarter) && end <= quarterEnd;
  if (!paidNow) return 0;
  const yearStart = firstDayOfQuarter(year * 4);
  const served = Math.min(end, yearEnd) - Math.max(job.start, yearStart) + 1;
  return served > 0 ? Math.round((job.monthlyWageCents * job.workingTimePercent * served) / 100 / (yearEnd - yearStart + 1)) : 0;
}

/**
 * DmfA worker lines for the declared quarters (2023Q4–2026Q3): one per
 * employer and quarter, adding up that employer's jobs in the quarter (one-day
 * Dimonas of an occasional worker become one line).
 */
export function quarterlyDeclarations(
  ssin: string,
  jobs: readonly Job[],
  death: number | null,
  temporary: readonly TemporaryMonth[],
): QuarterlyDeclarationDoc[] {
  const lines = new Map<string, QuarterlyDeclarationDoc>();
  const windowStart = firstDayOfQuarter(FIRST_DECLARED_QUARTER);
  for (const job of jobs) {
    const end = Math.min(job.end ?? DATA_END, death ?? DATA_END);
    if (end < windowStart) continue;
    const temporaryDays = new Map<number, number>();
    for (const t of temporary) if (t.job === job) temporaryDays.set(t.month, t.days);
    for (let q = Math.max(FIRST_DECLARED_QUARTER, Math.floor(monthOf(job.start) / 3)); q <= LAST_DECLARED_QUARTER; q++) {
      if (firstDayOfQuarter(q) > end) break;
      const line = quarterLine(job, q, end, temporaryDays);
      if (!line) continue;
      const gross = line.grossWageCents + endOfYearPremium(job, q, end);
      const year = Math.floor(q / 4);
      const quarter = ((q % 4) + 1) as 1 | 2 | 3 | 4;
      const id = `${ssin}-${job.employer._id}-${year}Q${quarter}`;
      const existing = lines.get(id);
      if (existing) {
        existing.grossWageCents += gross;
        existing.daysWorked += line.daysWorked;
        // The latest job in the quarter gives the line its worker code and committee.
        existing.workerCode = job.workerCode;
        existing.jointCommittee = job.jointCommittee;
      } else {
        lines.set(id, {
          _id: id,
          ssin,
          employer: job.employer._id,
          year,
          quarter,
          workerCode: job.workerCode,
          jointCommittee: job.jointCommittee,
          grossWageCents: gross,
          daysWorked: line.daysWorked,
        });
      }
    }
  }
  return [...lines.values()].sort((a, b) => a.year - b.year || a.quarter - b.quarter || a.employer.localeCompare(b.employer));
}
