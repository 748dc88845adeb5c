import { firstDayOfMonth, lastDayOfMonth, monthNumber, monthOf } from './calendar.js';
import type { Job } from './jobs.js';
import { DATA_END, FIRST_PAID_MONTH, LAST_PAID_MONTH } from './period.js';
import { hashString, mixSeed, type Random } from './prng.js';
import { TEMPORARY_UNEMPLOYMENT_RISK } from './sectorData.js';

/** Days of temporary unemployment (six-day week) in one month of one job. */
export interface TemporaryMonth {
  job: Job;
  month: number;
  days: number;
}

const SLUMP_UNTIL = monthNumber(2024, 12);
const isWinter = (month: number) => [11, 0, 1].includes(month % 12); // December to February

/** Whether an employer had temporary unemployment in a month: drawn per employer, so that colleagues share it. */
function employerAffected(employerId: string, month: number | null, chance: number): boolean {
  return mixSeed(hashString(employerId), month ?? -1) / 2 ** 32 < chance;
}

/**
 * Temporary unemployment during a job that runs the whole month: bad weather
 * in construction in winter, the 2023–2024 slump in industry (DmfA codes 70–72).
 * Only ordinary workers (not students, flexi or occasional workers), and only
 * in the paid window.
 */
export function temporaryUnemployment(jobs: readonly Job[], death: number | null, rng: Random): TemporaryMonth[] {
  const months: TemporaryMonth[] = [];
  for (const job of jobs) {
    const risk = TEMPORARY_UNEMPLOYMENT_RISK[job.sector.key];
    if (!risk || (job.workerType !== 'OTH' && job.workerType !== 'BCW')) continue;
    if (!employerAffected(job.employer._id, null, risk.employerShare)) continue;
    const last = Math.min(LAST_PAID_MONTH, monthOf(Math.min(job.end ?? DATA_END, death ?? DATA_END)));
    for (let m = Math.max(FIRST_PAID_MONTH, monthOf(job.start)); m <= last; m++) {
      const wholeMonth =
        job.start <= firstDayOfMonth(m) && (job.end ?? DATA_END) >= lastDayOfMonth(m) && (death ?? DATA_END) >= lastDayOfMonth(m);
      const season = risk.months === 'WINTER' ? isWinter(m) : m <= SLUMP_UNTIL;
      if (!wholeMonth || !season || !employerAffected(job.employer._id, m, risk.monthChance) || !rng.chance(0.85)) continue;
      months.push({ job, month: m, days: risk.months === 'WINTER' ? rng.int(2, 12) : rng.int(4, 13) });
    }
  }
  return months;
}
