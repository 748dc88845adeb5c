/**
 * The storage layout of every authentic source: database and collection names,
 * the document shapes, and the indexes the request paths rely on. One place, so
 * that the seed generator, the index setup and the subgraphs cannot disagree.
 *
 * Every request path looks documents up by equality on an indexed key (the SSIN
 * or the enterprise number). FerretDB pushes only equality down to PostgreSQL,
 * so a range or `$in` on the request path would be a full scan there; see
 * docs/decisions/0002-equality-lookups-only.md.
 */

import { DIRECTORY_DATABASE, directoryCollections } from '@crossroads/shared';

export const databases = {
  persons: 'crossroads_persons',
  employment: 'crossroads_employment',
  unemployment: 'crossroads_unemployment',
  /** The audit trail (shared/src/audit/records.ts): the one place persons' identifiers of requests are kept. */
  audit: 'crossroads_audit',
  /** The reference directory (shared/src/directory/directoryLayout.ts): who holds a file on whom, in which capacity. */
  directory: DIRECTORY_DATABASE,
} as const;

export type SourceName = keyof typeof databases;

/** ISO 8601 calendar date, `YYYY-MM-DD`. Birth dates may carry `00` for an unknown month or day. */
export type IsoDate = string;

export type Gender = 'MALE' | 'FEMALE';

/** National Register information type 120; see docs/data-model.md for the codes. */
export type CivilStatus = 'SINGLE' | 'MARRIED' | 'WIDOWED' | 'DIVORCED' | 'LEGALLY_SEPARATED';

export interface AddressDoc {
  street: string;
  houseNumber: string;
  box: string | null;
  postalCode: string;
  municipality: string;
  /** REFNIS code of the municipality (5 digits); null abroad. */
  nisCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  validFrom: IsoDate;
  /** Null for the current address. */
  validTo: IsoDate | null;
}

/** persons.persons — the national register (and the bis register kept by the CBSS). `_id` is the SSIN. */
export interface PersonDoc {
  _id: string;
  register: 'NATIONAL_REGISTER' | 'BIS';
  lastName: string;
  firstNames: string[];
  birthDate: IsoDate;
  birthPlace: { municipality: string; nisCode: string | null; country: string };
  /** Null when unknown (bis numbers issued with month + 20). */
  gender: Gender | null;
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  civilStatus: CivilStatus;
  deathDate: IsoDate | null;
  /** Oldest first; the last one with `validTo: null` is the current legal address. */
  addresses: AddressDoc[];
}

/** employment.employers — `_id` is the KBO/BCE enterprise number (10 digits). */
export interface EmployerDoc {
  _id: string;
  name: string;
  /** RSZ/ONSS registration number. */
  nssoNumber: string;
  /** Main joint committee, `CCC[.CC]`. */
  jointCommittee: string;
  nisCode: string;
}

/** Dimona worker types (zone 00655). */
export type WorkerType = 'OTH' | 'STU' | 'FLX' | 'EXT' | 'IVT' | 'BCW' | 'DWD';

/** employment.employments — one Dimona period. `_id` is the 12-digit Dimona period id. */
export interface EmploymentDoc {
  _id: string;
  ssin: string;
  employer: string;
  jointCommittee: string;
  workerType: WorkerType;
  /** DmfA worker code (annex 2), 3 digits. */
  workerCode: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  /** 1–100. */
  workingTimePercent: number;
}

/** employment.quarterlyDeclarations — one DmfA worker line per employer and quarter. */
export interface QuarterlyDeclarationDoc {
  /** `${ssin}-${employer}-${year}Q${quarter}` */
  _id: string;
  ssin: string;
  employer: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  workerCode: string;
  jointCommittee: string;
  grossWageCents: number;
  daysWorked: number;
}

export type AllowanceType = 'FULL_UNEMPLOYMENT' | 'TEMPORARY_UNEMPLOYMENT' | 'INSERTION_ALLOWANCE';
/** RVA/ONEM family categories: A head of household, N living alone, B cohabitant. */
export type FamilyCategory = 'A' | 'N' | 'B';
/** The four payment institutions. */
export type PaymentInstitution = 'CAPAC' | 'ACV_CSC' | 'ABVV_FGTB' | 'ACLVB_CGSLB';

/** unemployment.payments — one monthly payment. */
export interface UnemploymentPaymentDoc {
  /** `${ssin}-${month}-${allowanceType}` */
  _id: string;
  ssin: string;
  /** `YYYY-MM`, the month compensated. */
  month: string;
  allowanceType: AllowanceType;
  familyCategory: FamilyCategory;
  daysCompensated: number;
  dailyAmountCents: number;
  grossAmountCents: number;
  paymentDate: IsoDate;
  payingOrganisation: PaymentInstitution;
}

export type UnemploymentStatusCode = 'RECEIVING_ALLOWANCE' | 'NOT_RECEIVING';

/** unemployment.files — the payment institution's file on a person. `_id` is the SSIN. */
export interface UnemploymentFileDoc {
  _id: string;
  status: UnemploymentStatusCode;
  allowanceType: AllowanceType;
  familyCategory: FamilyCategory;
  payingOrganisation: PaymentInstitution;
  /** First month of the current or last entitlement period. */
  since: IsoDate;
  /** Last day of the last entitlement period; null while it runs. */
  until: IsoDate | null;
}

export interface IndexSpec {
  database: string;
  collection: string;
  /** Top-level field looked up by equality (`_id` is indexed by the server already). */
  field: string;
  unique?: boolean;
  /**
   * The field holds an array looked up by one element (`{ ssins: x }`). MongoDB
   * indexes each element (multikey); FerretDB's btree would index the whole
   * array as one value and refuse rows over 2,704 bytes, so there only the GIN
   * index is made, which serves element containment.
   */
  array?: boolean;
}

export const collections = {
  persons: { database: databases.persons, name: 'persons' },
  employers: { database: databases.employment, name: 'employers' },
  employments: { database: databases.employment, name: 'employments' },
  quarterlyDeclarations: { database: databases.employment, name: 'quarterlyDeclarations' },
  unemploymentPayments: { database: databases.unemployment, name: 'payments' },
  unemploymentFiles: { database: databases.unemployment, name: 'files' },
  directoryEntries: { database: databases.directory, name: directoryCollections.entries },
  directoryCounters: { database: databases.directory, name: directoryCollections.counters },
} as const;

/** Every key a request path looks up by. `_id` entries matter only to FerretDB's GIN indexes. */
export const indexSpecs: IndexSpec[] = [
  { ...byId(collections.persons) },
  { ...byId(collections.employers) },
  { database: databases.employment, collection: collections.employments.name, field: 'ssin' },
  { database: databases.employment, collection: collections.quarterlyDeclarations.name, field: 'ssin' },
  { database: databases.unemployment, collection: collections.unemploymentPayments.name, field: 'ssin' },
  { ...byId(collections.unemploymentFiles) },
  // The audit trail: a citizen's log by SSIN (an array of the persons a release concerned),
  // the security officer's by partner and day, verification by chain.
  { database: databases.audit, collection: 'records', field: 'ssins', array: true },
  { database: databases.audit, collection: 'records', field: 'partnerDay' },
  { database: databases.audit, collection: 'records', field: 'chain' },
  { database: databases.audit, collection: 'records', field: 'requestId' },
  { database: databases.audit, collection: 'checkpoints', field: 'chain' },
  // The reference directory: the scope check by `_id` (partner|ssin|capacity), who follows a person, a partner's list page by page.
  { ...byId(collections.directoryEntries) },
  { database: databases.directory, collection: directoryCollections.entries, field: 'ssin' },
  { database: databases.directory, collection: directoryCollections.entries, field: 'partnerPage' },
];

function byId(c: { database: string; name: string }): IndexSpec {
  return { database: c.database, collection: c.name, field: '_id', unique: true };
}
