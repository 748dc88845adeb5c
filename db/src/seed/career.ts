import { addMonths, dayOf, firstDayOfMonth, lastDayOfMonth, monthOf, weekday, yearsBetween } from './calendar.js';
import type { EmployerRegistry } from './employers.js';
import { drawSector, jointCommitteeFor, ordinaryWorkerType, workerCodeFor, type Career, type Job, type UnemploymentSpell } from './jobs.js';
import { DATA_END, DIMONA_FIRST_END } from './period.js';
import type { Random } from './prng.js';
import type { Sector } from './sectorData.js';
import { addSideJobs } from './sideJobs.js';
import { fullTimeMonthlyWageCents } from './wages.js';
import { provinceOn, type WorkerProfile } from './workerProfile.js';

/** Contracts mostly start on the 1st of a month, otherwise on a Monday. */
function alignStart(rng: Random, day: number): number {
  if (rng.chance(0.65)) return day === firstDayOfMonth(monthOf(day)) ? day : lastDayOfMonth(monthOf(day)) + 1;
  return day + ((7 - weekday(day)) % 7);
}

/** Contracts mostly end on the last day of a month (notice periods and fixed terms run to month ends). */
function alignEnd(rng: Random, day: number): number {
  return rng.chance(0.75) ? lastDayOfMonth(monthOf(day)) : day;
}

/** Job lengths: short fixed-term and agency contracts, a few years, and long tenures. */
function jobMonths(rng: Random): number {
  const r = rng.next();
  if (r < 0.2) return rng.int(1, 6);
  if (r < 0.55) return rng.int(6, 36);
  return 36 + Math.floor(rng.exponential(90));
}

/** Most unemployment spells last under a year; some two years or more. */
function unemploymentMonths(rng: Random): number {
  const r = rng.next();
  if (r < 0.35) return rng.int(1, 3);
  if (r < 0.75) return rng.int(4, 12);
  if (r < 0.95) return rng.int(13, 24);
  return rng.int(25, 48);
}

/** Part-time work is mostly women's in Belgium (about 40% of them, 11% of men); 4/5 and 1/2 are the usual fractions. */
function workingTime(rng: Random, female: boolean): number {
  if (!rng.chance(female ? 0.42 : 0.12)) return 100;
  return rng.pick([80, 80, 80, 50, 50, 75, 60, 90]);
}

/**
 * Wages rise with age and differ between manual and non-manual work. The
 * shifts are calibrated so that whole quarters of full-time work in the
 * generated population land on the glossary's quantiles (within a few percent)
 * and its mean (€4,076).
 */
function wageFor(profile: WorkerProfile, rng: Random, start: number, manual: boolean): number {
  const age = yearsBetween(profile.birth, start);
  const ageShift = Math.max(-0.7, Math.min(0.35, (age - 40) / 30));
  const z = 0.8 * profile.wageZ + 0.45 * rng.normal() + (manual ? -0.25 : 0.3) + ageShift;
  return fullTimeMonthlyWageCents(z);
}

function makeJob(
  profile: WorkerProfile,
  rng: Random,
  employers: EmployerRegistry,
  sector: Sector,
  manual: boolean,
  start: number,
  end: number | null,
): Job {
  const employer = employers.pick(rng, sector.key, provinceOn(profile, start));
  const jointCommittee = jointCommitteeFor(sector, manual);
  const workerType = ordinaryWorkerType(jointCommittee);
  return {
    employer: employer.doc,
    sector,
    jointCommittee,
    workerType,
    workerCode: workerCodeFor(jointCommittee, manual, workerType),
    start,
    end,
    workingTimePercent: workingTime(rng, profile.female),
    monthlyWageCents: wageFor(profile, rng, start, manual),
    dailyWageCents: null,
  };
}

/**
 * A working life: jobs one after the other, with direct changes, spells of
 * unemployment and spells out of the labour market in between, from school
 * (or arrival) to retirement or death. Main jobs never overlap; side jobs
 * (students', flexi-jobs, occasional days) are added so that the working
 * time of all jobs on any day stays within 100%.
 */
export function simulateCareer(profile: WorkerProfile, rng: Random, employers: EmployerRegistry): Career {
  const jobs: Job[] = [];
  const spells: UnemploymentSpell[] = [];
  /** Gaps between jobs without an allowance: room for occasional work. */
  const idle: Array<[number, number]> = [];
  const lastDay = Math.min(profile.death ?? DATA_END, DATA_END);
  const stop = Math.min(lastDay, profile.retirement - 1);
  if (!profile.noCareer && profile.careerStart <= stop) {
    let manual = profile.manual;
    let sector = drawSector(rng, manual, profile.female);
    // Looking for a first job: the first 12 months are the unpaid "beroepsinschakelingstijd"; after that, under 25, an insertion allowance.
    const searchMonths = rng.chance(0.35) ? 0 : rng.chance(0.7) ? rng.int(1, 6) : rng.int(7, 24);
    let day = alignStart(rng, addMonths(profile.careerStart, searchMonths));
    if (searchMonths > 12 && yearsBetween(profile.birth, profile.careerStart) < 25 && !profile.livesAbroad) {
      const start = firstDayOfMonth(monthOf(addMonths(profile.careerStart, 12)));
      if (start < day) spells.push({ allowanceType: 'INSERTION_ALLOWANCE', start, end: day - 1, referenceMonthlyWageCents: 0 });
    }
    while (day <= stop) {
      let end: number | null = alignEnd(rng, addMonths(day, jobMonths(rng)) - 1);
      if (end >= stop) end = stop === lastDay && lastDay === DATA_END ? null : stop;
      // Jobs that ended before 1999 are not in the Dimona source: only their dates matter, for the timeline.
      const job = end !== null && end < DIMONA_FIRST_END ? null : makeJob(profile, rng, employers, sector, manual, day, end);
      if (job) jobs.push(job);
      if (end === null || end >= stop) break;
      const r = rng.next();
      if (r < 0.4) {
        day = end + 1; // straight to the next employer
      } else {
        const gapEnd = alignStart(rng, addMonths(end + 1, r < 0.8 ? unemploymentMonths(rng) : rng.int(1, 60))) - 1;
        const until = Math.min(gapEnd, stop);
        if (r < 0.8 && !profile.livesAbroad) {
          // (A spell after a job that ended before 1999 is over long before the paid window.)
          if (job)
            spells.push({
              allowanceType: 'FULL_UNEMPLOYMENT',
              start: end + 1,
              end: until === DATA_END ? null : until,
              referenceMonthlyWageCents: Math.round((job.monthlyWageCents * job.workingTimePercent) / 100),
            });
        } else if (until >= DIMONA_FIRST_END) {
          idle.push([end + 1, until]);
        }
        day = gapEnd + 1;
      }
      if (rng.chance(0.4)) sector = drawSector(rng, manual, profile.female);
      if (rng.chance(0.04)) {
        manual = !manual;
        sector = drawSector(rng, manual, profile.female);
      }
    }
  }
  addSideJobs(profile, rng, employers, jobs, idle, lastDay);
  jobs.sort((a, b) => a.start - b.start);
  return { jobs, spells };
}

/** Pension at 65 (66 from 2025 for those born from 1960); early retirement from 60 after a long career. First of the month after the birthday. */
export function retirementDay(rng: Random, birth: number): number {
  const legal = birth >= dayOf(1960, 1, 1) ? 66 : 65;
  const r = rng.next();
  const age = r < 0.1 ? 60 : r < 0.3 ? rng.int(61, 62) : r < 0.5 ? rng.int(63, legal - 1) : legal;
  const birthday = addMonths(birth, age * 12);
  return lastDayOfMonth(monthOf(birthday)) + 1;
}
