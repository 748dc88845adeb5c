import type { EmployerDoc } from '../layout.js';
import { addMonths, dayOf, lastDayOfQuarter, quarterNumber, weekday, yearOf } from './calendar.js';
import { sectorOf, type EmployerRegistry } from './employers.js';
import { jointCommitteeFor, SECTOR_TABLES, workerCodeFor, type Job } from './jobs.js';
import { DIMONA_FIRST_END } from './period.js';
import type { Random } from './prng.js';
import type { Sector } from './sectorData.js';
import { dailyWageCents, flexiMonthlyWageCents, studentMonthlyWageCents } from './wages.js';
import { provinceOn, type WorkerProfile } from './workerProfile.js';

/** Flexi-jobs: horeca since December 2015, retail and pensioners since 2018; 2018 for all keeps it simple. */
const FLEXI_FROM = dayOf(2018, 1, 1);

interface SideJobTerms {
  employer: EmployerDoc;
  sector: Sector;
  manual: boolean;
  kind: 'STU' | 'FLX' | 'EXT';
  start: number;
  end: number | null;
  percent: number;
  monthlyWageCents: number;
  dailyWageCents: number | null;
}

function sideJob(t: SideJobTerms): Job {
  const jointCommittee = jointCommitteeFor(t.sector, t.manual);
  return {
    employer: t.employer,
    sector: t.sector,
    jointCommittee,
    workerType: t.kind,
    workerCode: workerCodeFor(jointCommittee, t.manual, t.kind),
    start: t.start,
    end: t.end,
    workingTimePercent: t.percent,
    monthlyWageCents: t.monthlyWageCents,
    dailyWageCents: t.dailyWageCents,
  };
}

/** Students and flexi-workers in production, kitchens and fields are manual; in shops and offices non-manual. */
function manualIn(sector: Sector): boolean {
  if (sector.manualPc === null) return false;
  if (sector.whitePc === null) return true;
  return ['horeca', 'horticulture', 'agriculture', 'foodIndustry', 'construction', 'metal', 'cleaning'].includes(sector.key);
}

function addStudentJob(
  profile: WorkerProfile,
  rng: Random,
  employers: EmployerRegistry,
  jobs: Job[],
  start: number,
  end: number,
  percent: number,
): void {
  const sector = SECTOR_TABLES.student.draw(rng);
  const employer = employers.pick(rng, sector.key, provinceOn(profile, start), 0.8).doc;
  jobs.push(
    sideJob({
      employer,
      sector,
      manual: manualIn(sector),
      kind: 'STU',
      start,
      end,
      percent,
      monthlyWageCents: studentMonthlyWageCents(rng),
      dailyWageCents: null,
    }),
  );
}

/**
 * Student jobs from 16 until the career starts: summer jobs, and weekend jobs
 * during term. A student Dimona must start and end in the same quarter (zone
 * 00911), so each job stays within one.
 */
function studentJobs(profile: WorkerProfile, rng: Random, employers: EmployerRegistry, jobs: Job[], lastDay: number): void {
  if (profile.studentFrom === null) return;
  const from = profile.studentFrom;
  const until = Math.min(profile.careerStart - 1, lastDay);
  // Jobs before 1999 are not in the Dimona source: no need to make them.
  for (let year = Math.max(yearOf(from), yearOf(DIMONA_FIRST_END)); year <= yearOf(until); year++) {
    if (rng.chance(0.4)) {
      const july = dayOf(year, 7, 1);
      const start = july + ((7 - weekday(july)) % 7) + 7 * rng.int(0, 4);
      const end = Math.min(start + 7 * rng.int(2, 8) - 3, dayOf(year, 9, 30));
      const percent = rng.chance(0.55) ? 100 : rng.pick([50, 60, 80]);
      if (start >= from && end <= until) addStudentJob(profile, rng, employers, jobs, start, end, percent);
    }
    if (rng.chance(0.15)) {
      const quarterEnd = lastDayOfQuarter(quarterNumber(year, rng.pick([1, 2, 4])));
      const start = quarterEnd - 88 + rng.int(0, 40);
      const end = quarterEnd - rng.int(0, 10);
      const percent = rng.pick([20, 25, 30, 40]);
      if (start >= from && end <= until) addStudentJob(profile, rng, employers, jobs, start, end, percent);
    }
  }
}

/** A flexi-job on top of a job of at most 4/5 (the legal condition), within that job's period, so that the total stays within 100%. */
function flexiJobs(profile: WorkerProfile, rng: Random, employers: EmployerRegistry, jobs: Job[], lastDay: number): void {
  for (const main of [...jobs]) {
    if (main.workerType === 'STU' || main.workingTimePercent > 80 || !rng.chance(0.12)) continue;
    const start = Math.max(addMonths(main.start, rng.int(3, 24)), FLEXI_FROM);
    if (start > lastDay) continue;
    let end: number | null = addMonths(start, rng.int(2, 30)) - 1;
    if (main.end !== null && end > main.end) end = main.end;
    else if (main.end === null && rng.chance(0.4)) end = null;
    if (end !== null && end < start) continue;
    const sector = SECTOR_TABLES.flexi.draw(rng);
    const employer = employers.pick(rng, sector.key, provinceOn(profile, start), 0.8).doc;
    if (employer._id === main.employer._id) continue;
    const percent = Math.min(100 - main.workingTimePercent, rng.pick([10, 15, 20]));
    jobs.push(
      sideJob({
        employer,
        sector,
        manual: manualIn(sector),
        kind: 'FLX',
        start,
        end,
        percent,
        monthlyWageCents: flexiMonthlyWageCents(rng),
        dailyWageCents: null,
      }),
    );
  }
}

/** Pensioners may take flexi-jobs since 2018. */
function pensionerFlexi(profile: WorkerProfile, rng: Random, employers: EmployerRegistry, jobs: Job[], lastDay: number): void {
  if (profile.noCareer || profile.retirement > lastDay || profile.retirement < FLEXI_FROM || !rng.chance(0.04)) return;
  const start = addMonths(profile.retirement, rng.int(1, 24));
  if (start > lastDay) return;
  const end = addMonths(start, rng.int(3, 36)) - 1;
  const sector = SECTOR_TABLES.flexi.draw(rng);
  const employer = employers.pick(rng, sector.key, provinceOn(profile, start), 0.8).doc;
  const percent = rng.pick([20, 30, 40]);
  jobs.push(
    sideJob({
      employer,
      sector,
      manual: manualIn(sector),
      kind: 'FLX',
      start,
      end: end >= lastDay ? null : end,
      percent,
      monthlyWageCents: flexiMonthlyWageCents(rng),
      dailyWageCents: null,
    }),
  );
}

/** One-day Dimonas for the same employer on the given days (occasional workers are declared day by day). */
function occasionalDays(employer: EmployerDoc, sector: Sector, days: Iterable<number>, dailyWage: number, jobs: Job[]): void {
  for (const day of days) {
    jobs.push(
      sideJob({
        employer,
        sector,
        manual: true,
        kind: 'EXT',
        start: day,
        end: day,
        percent: 100,
        monthlyWageCents: 0,
        dailyWageCents: dailyWage,
      }),
    );
  }
}

/** Horeca extras in gaps between jobs without an allowance: Fridays to Sundays (a daily flat-rate horeca Dimona ends the day it starts, zone 00911). */
function horecaExtras(
  profile: WorkerProfile,
  rng: Random,
  employers: EmployerRegistry,
  jobs: Job[],
  idle: ReadonlyArray<readonly [number, number]>,
): void {
  const horeca = sectorOf('horeca');
  for (const [from, to] of idle) {
    if (to - from < 14 || !rng.chance(0.1)) continue;
    const days = new Set<number>();
    for (let i = rng.int(2, 12); i > 0; i--) {
      const day = from + rng.int(0, to - from);
      if (weekday(day) >= 4) days.add(day);
    }
    const employer = employers.pick(rng, horeca.key, provinceOn(profile, from)).doc;
    occasionalDays(
      employer,
      horeca,
      [...days].sort((a, b) => a - b),
      dailyWageCents(rng),
      jobs,
    );
  }
}

/** Seasonal pickers from abroad: a few weeks of one-day Dimonas in the fruit harvest (mid-August to October), most years. */
function seasonalWork(profile: WorkerProfile, rng: Random, employers: EmployerRegistry, jobs: Job[], lastDay: number): void {
  if (profile.seasonalFrom === null) return;
  const sector = sectorOf(rng.chance(0.25) ? 'agriculture' : 'horticulture');
  let employer = employers.pick(rng, sector.key, profile.workProvince, 0.8).doc;
  for (let year = profile.seasonalFrom; year <= yearOf(lastDay); year++) {
    if (year > profile.seasonalFrom && !rng.chance(0.6)) continue;
    if (rng.chance(0.3)) employer = employers.pick(rng, sector.key, profile.workProvince, 0.8).doc;
    const days: number[] = [];
    const seasonEnd = Math.min(lastDay, dayOf(year, 10, 31));
    for (let day = dayOf(year, 8, 10) + rng.int(0, 20), left = rng.int(15, 40); left > 0 && day <= seasonEnd; day++) {
      if (weekday(day) === 6) continue; // Sundays off
      days.push(day);
      left--;
    }
    occasionalDays(employer, sector, days, dailyWageCents(rng), jobs);
  }
}

/** Adds the jobs on the side of a career. `idle` are the gaps between jobs without an allowance. */
export function addSideJobs(
  profile: WorkerProfile,
  rng: Random,
  employers: EmployerRegistry,
  jobs: Job[],
  idle: ReadonlyArray<readonly [number, number]>,
  lastDay: number,
): void {
  studentJobs(profile, rng, employers, jobs, lastDay);
  flexiJobs(profile, rng, employers, jobs, lastDay);
  pensionerFlexi(profile, rng, employers, jobs, lastDay);
  horecaExtras(profile, rng, employers, jobs, idle);
  seasonalWork(profile, rng, employers, jobs, lastDay);
}
