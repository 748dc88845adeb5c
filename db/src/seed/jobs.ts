import type { EmployerDoc, WorkerType } from '../layout.js';
import { WeightedTable, type Random } from './prng.js';
import { FEMALE_SHARE, SECTORS, type Sector } from './sectorData.js';

/** One Dimona period in the making, with what the declarations and allowances need to know about it. Days are day numbers, inclusive. */
export interface Job {
  employer: EmployerDoc;
  sector: Sector;
  jointCommittee: string;
  workerType: WorkerType;
  workerCode: string;
  start: number;
  /** Null while it runs. */
  end: number | null;
  workingTimePercent: number;
  /** Full-time monthly equivalent, cents; occasional workers are paid by the day instead. */
  monthlyWageCents: number;
  dailyWageCents: number | null;
}

/** A period of full unemployment or insertion allowance between jobs. */
export interface UnemploymentSpell {
  allowanceType: 'FULL_UNEMPLOYMENT' | 'INSERTION_ALLOWANCE';
  start: number;
  /** Null while it lasts. */
  end: number | null;
  /** The last wage (full-time equivalent × working time), for the allowance amount; 0 for an insertion allowance. */
  referenceMonthlyWageCents: number;
}

export interface Career {
  jobs: Job[];
  spells: UnemploymentSpell[];
}

/** The joint committee a worker falls under in a sector: manual staff under the manual PC, others under the non-manual one. */
export function jointCommitteeFor(sector: Sector, manual: boolean): string {
  return (manual ? (sector.manualPc ?? sector.whitePc) : (sector.whitePc ?? sector.manualPc))!;
}

/**
 * DmfA worker code (annex 2): the joint committee decides where it can (1xx
 * committees are manual, 2xx non-manual); 3xx committees cover both, and the
 * worker's own status decides. Students: 840/841; flexi-jobs: 050/450.
 */
export function workerCodeFor(jointCommittee: string, manual: boolean, workerType: WorkerType): string {
  const isManual = jointCommittee.startsWith('1') ? true : jointCommittee.startsWith('2') ? false : manual;
  if (workerType === 'STU') return isManual ? '840' : '841';
  if (workerType === 'FLX') return isManual ? '050' : '450';
  return isManual ? '015' : '495';
}

/** Construction workers are declared with Dimona type BCW ("Build & Construction Worker", zone 00655); the rest of ordinary staff is OTH. */
export function ordinaryWorkerType(jointCommittee: string): WorkerType {
  return jointCommittee === '124' ? 'BCW' : 'OTH';
}

const table = (weight: (s: Sector) => number) => new WeightedTable(SECTORS.map((s) => [s, weight(s)] as const));
const byGender = (s: Sector, female: boolean) => 2 * (female ? FEMALE_SHARE[s.key]! : 1 - FEMALE_SHARE[s.key]!);
/** Where manual and non-manual workers find jobs, by gender; where students and flexi-workers do. */
export const SECTOR_TABLES = {
  manual: {
    female: table((s) => (s.manualPc ? s.manualJobs * byGender(s, true) : 0)),
    male: table((s) => (s.manualPc ? s.manualJobs * byGender(s, false) : 0)),
  },
  white: {
    female: table((s) => (s.whitePc ? s.whiteJobs * byGender(s, true) : 0)),
    male: table((s) => (s.whitePc ? s.whiteJobs * byGender(s, false) : 0)),
  },
  student: table((s) => s.studentJobs),
  flexi: table((s) => (s.flexi ? s.studentJobs : 0)),
};

/** A sector for a regular job. */
export function drawSector(rng: Random, manual: boolean, female: boolean): Sector {
  const tables = manual ? SECTOR_TABLES.manual : SECTOR_TABLES.white;
  return (female ? tables.female : tables.male).draw(rng);
}
