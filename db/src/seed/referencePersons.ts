import type { AddressDoc, FamilyCategory, PaymentInstitution, PersonDoc, WorkerType } from '../layout.js';
import { parseIso } from './calendar.js';
import { sectorOf, type FixedEmployer } from './employers.js';
import type { Career, Job, UnemploymentSpell } from './jobs.js';

/**
 * The reference persons: hand-written, the same in every seeded database
 * whatever the size and seed, so that documentation, demos and tests can name
 * them (README, test/src/helpers/referencePersons.ts, docs/data-model.md).
 * Their payments and declarations are computed from the careers below by the
 * same code as everyone's, without the random variations.
 */

/** Their employers: fixed enterprise numbers (valid check digits) and RSZ numbers (≡ 96 mod 97, like the generated ones). */
export const REFERENCE_EMPLOYERS = {
  vanDamme: {
    sectorKey: 'metal',
    doc: { _id: '0440511840', name: 'Metaalconstructie Van Damme NV', nssoNumber: '116730963', jointCommittee: '111', nisCode: '44021' },
  },
  claes: {
    sectorKey: 'roadHaulage',
    doc: { _id: '0812345603', name: 'Transport Claes NV', nssoNumber: '182024670', jointCommittee: '140.03', nisCode: '24062' },
  },
  lambert: {
    sectorKey: 'foodRetail',
    doc: { _id: '0651234739', name: 'Alimentation Lambert SRL', nssoNumber: '150769136', jointCommittee: '202', nisCode: '92094' },
  },
  delcourt: {
    sectorKey: 'metal',
    doc: { _id: '0401873374', name: 'Ateliers Delcourt SA', nssoNumber: '126379165', jointCommittee: '111', nisCode: '57096' },
  },
  verbist: {
    sectorKey: 'roadHaulage',
    doc: { _id: '0429065543', name: 'Transport Verbist NV', nssoNumber: '109007629', jointCommittee: '140.03', nisCode: '11002' },
  },
} satisfies Record<string, FixedEmployer>;

export interface FixedPerson {
  doc: PersonDoc;
  career: Career;
  familyCategory: FamilyCategory;
  institution: PaymentInstitution;
}

function job(
  employer: FixedEmployer,
  terms: {
    jointCommittee: string;
    workerType: WorkerType;
    workerCode: string;
    start: string;
    end: string | null;
    percent: number;
    monthlyWage: number;
  },
): Job {
  return {
    employer: employer.doc,
    sector: sectorOf(employer.sectorKey),
    jointCommittee: terms.jointCommittee,
    workerType: terms.workerType,
    workerCode: terms.workerCode,
    start: parseIso(terms.start),
    end: terms.end === null ? null : parseIso(terms.end),
    workingTimePercent: terms.percent,
    monthlyWageCents: terms.monthlyWage * 100,
    dailyWageCents: null,
  };
}

function fullUnemployment(start: string, end: string | null, referenceMonthlyWage: number): UnemploymentSpell {
  return {
    allowanceType: 'FULL_UNEMPLOYMENT',
    start: parseIso(start),
    end: end === null ? null : parseIso(end),
    referenceMonthlyWageCents: referenceMonthlyWage * 100,
  };
}

function address(
  street: string,
  houseNumber: string,
  box: string | null,
  postalCode: string,
  municipality: string,
  nisCode: string | null,
  country: string,
  validFrom: string,
  validTo: string | null,
): AddressDoc {
  return { street, houseNumber, box, postalCode, municipality, nisCode, country, validFrom, validTo };
}

const E = REFERENCE_EMPLOYERS;

/** Two jobs one after the other, a year of full unemployment in between (2024), a move from Gent to Leuven. */
const unemployedBetweenJobs: FixedPerson = {
  doc: {
    _id: '85073003328',
    register: 'NATIONAL_REGISTER',
    lastName: 'De Clercq',
    firstNames: ['Pieter', 'Jan'],
    birthDate: '1985-07-30',
    birthPlace: { municipality: 'Gent', nisCode: '44021', country: 'BE' },
    gender: 'MALE',
    nationality: 'BE',
    civilStatus: 'SINGLE',
    deathDate: null,
    addresses: [
      address('Antwerpsesteenweg', '245', null, '9040', 'Gent', '44021', 'BE', '1985-07-30', '2010-09-30'),
      address('Sleepstraat', '17', '2', '9000', 'Gent', '44021', 'BE', '2010-10-01', '2024-09-30'),
      address('Diestsesteenweg', '88', null, '3010', 'Leuven', '24062', 'BE', '2024-10-01', null),
    ],
  },
  career: {
    jobs: [
      job(E.vanDamme, {
        jointCommittee: '111',
        workerType: 'OTH',
        workerCode: '015',
        start: '2015-03-01',
        end: '2023-12-31',
        percent: 100,
        monthlyWage: 3_420,
      }),
      job(E.claes, {
        jointCommittee: '140.03',
        workerType: 'OTH',
        workerCode: '015',
        start: '2025-01-06',
        end: null,
        percent: 100,
        monthlyWage: 3_350,
      }),
    ],
    spells: [fullUnemployment('2024-01-01', '2025-01-05', 3_420)],
  },
  familyCategory: 'N',
  institution: 'CAPAC',
};

/** Born in 2003 (the check digits use the 2000 rule): a half-time student job in a supermarket in summer 2024. */
const student: FixedPerson = {
  doc: {
    _id: '03021415813',
    register: 'NATIONAL_REGISTER',
    lastName: 'Lejeune',
    firstNames: ['Manon', 'Louise'],
    birthDate: '2003-02-14',
    birthPlace: { municipality: 'Namur', nisCode: '92094', country: 'BE' },
    gender: 'FEMALE',
    nationality: 'BE',
    civilStatus: 'SINGLE',
    deathDate: null,
    addresses: [
      address('Rue de Dave', '34', null, '5100', 'Namur', '92094', 'BE', '2003-02-14', '2021-09-14'),
      address('Rue des Wallons', '12', '3', '1348', 'Ottignies-Louvain-la-Neuve', '25121', 'BE', '2021-09-15', null),
    ],
  },
  career: {
    jobs: [
      job(E.lambert, {
        jointCommittee: '202',
        workerType: 'STU',
        workerCode: '841',
        start: '2024-07-01',
        end: '2024-08-30',
        percent: 50,
        monthlyWage: 2_150,
      }),
    ],
    spells: [],
  },
  familyCategory: 'B',
  institution: 'ABVV_FGTB',
};

/** A bis number (gender known, month + 40): a French frontier worker living in Lille, employed in Mouscron since 2016. */
const crossBorderWorker: FixedPerson = {
  doc: {
    _id: '90451702125',
    register: 'BIS',
    lastName: 'Lefebvre',
    firstNames: ['Julien'],
    birthDate: '1990-05-17',
    birthPlace: { municipality: 'Lille', nisCode: null, country: 'FR' },
    gender: 'MALE',
    nationality: 'FR',
    civilStatus: 'MARRIED',
    deathDate: null,
    addresses: [
      address('Rue de la République', '48', null, '59100', 'Roubaix', null, 'FR', '2016-03-21', '2019-06-14'),
      address('Rue Nationale', '112', '4', '59000', 'Lille', null, 'FR', '2019-06-15', null),
    ],
  },
  career: {
    jobs: [
      job(E.delcourt, {
        jointCommittee: '111',
        workerType: 'OTH',
        workerCode: '015',
        start: '2016-04-04',
        end: null,
        percent: 100,
        monthlyWage: 3_650,
      }),
    ],
    spells: [],
  },
  familyCategory: 'B',
  institution: 'ABVV_FGTB',
};

/** Died on 14 December 2023, six weeks after his job ended: allowances for November and half of December, nothing after. */
const deceased: FixedPerson = {
  doc: {
    _id: '62110309728',
    register: 'NATIONAL_REGISTER',
    lastName: 'Mertens',
    firstNames: ['Marc', 'Jozef'],
    birthDate: '1962-11-03',
    birthPlace: { municipality: 'Antwerpen', nisCode: '11002', country: 'BE' },
    gender: 'MALE',
    nationality: 'BE',
    civilStatus: 'MARRIED',
    deathDate: '2023-12-14',
    addresses: [
      address('Turnhoutsebaan', '301', null, '2140', 'Antwerpen', '11002', 'BE', '1962-11-03', '1988-04-30'),
      address('Herentalsebaan', '77', null, '2100', 'Antwerpen', '11002', 'BE', '1988-05-01', null),
    ],
  },
  career: {
    jobs: [
      job(E.verbist, {
        jointCommittee: '140.03',
        workerType: 'OTH',
        workerCode: '015',
        start: '1998-05-04',
        end: '2023-10-31',
        percent: 100,
        monthlyWage: 3_900,
      }),
    ],
    spells: [fullUnemployment('2023-11-01', '2023-12-14', 3_900)],
  },
  familyCategory: 'A',
  institution: 'CAPAC',
};

export const REFERENCE_PERSONS: readonly FixedPerson[] = [unemployedBetweenJobs, student, crossBorderWorker, deceased];
export const REFERENCE_SSINS: ReadonlySet<string> = new Set(REFERENCE_PERSONS.map((p) => p.doc._id));
