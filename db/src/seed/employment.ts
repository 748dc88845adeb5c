import { mod97Check } from '@crossroads/shared';
import type { EmploymentDoc } from '../layout.js';
import { isoOf } from './calendar.js';
import type { Job } from './jobs.js';
import { DIMONA_FIRST_END } from './period.js';

/**
 * Dimona period ids: 12 digits, the last two a check (zone 00913). The check
 * rule is not published with the zone; the mod-97 rule of the other Belgian
 * identifiers is assumed. The n-th period of the population gets the n-th
 * value of a walk through the 10-digit bases with a prime step (so every base
 * comes once), independent of the seed: the reference persons, generated
 * first, always have the same ids.
 */
const ID_RANGE = 9_000_000_000;
const ID_STEP = 4_294_967_291; // prime, so coprime with the range
const ID_FIRST = 123_456_789;

export class DimonaIds {
  private offset = ID_FIRST;

  take(): string {
    const base = 1_000_000_000 + this.offset;
    this.offset = (this.offset + ID_STEP) % ID_RANGE;
    const check = mod97Check(base);
    // Two small integers format much faster than one 10-digit number (millions of ids).
    const low = base % 100_000;
    return `${(base - low) / 100_000}${String(low).padStart(5, '0')}${check < 10 ? '0' : ''}${check}`;
  }
}

/** The person's Dimona periods, oldest first. Periods that ended before 1999 are not in the source (zone 00911). */
export function employmentDocs(ssin: string, jobs: readonly Job[], ids: DimonaIds): EmploymentDoc[] {
  return jobs
    .filter((job) => job.end === null || job.end >= DIMONA_FIRST_END)
    .map((job) => ({
      _id: ids.take(),
      ssin,
      employer: job.employer._id,
      jointCommittee: job.jointCommittee,
      workerType: job.workerType,
      workerCode: job.workerCode,
      startDate: isoOf(job.start),
      endDate: job.end === null ? null : isoOf(job.end),
      workingTimePercent: job.workingTimePercent,
    }));
}
