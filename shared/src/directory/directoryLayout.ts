/**
 * The reference directory's storage (verwijzingsrepertorium / répertoire des
 * références): which institution holds a file on which person, in which
 * capacity, for which periods. Owned by the hub; written by the directory
 * subgraph and the seed, read by the gateway and every source to enforce
 * authorizations of scope `followed`.
 *
 * One document per partner, person and capacity, holding all its periods: every
 * change is one atomic write of one document (FerretDB has no multi-document
 * transactions), guarded by `version` so two writers never overwrite each other.
 * Every lookup is by equality (decision 0002): `_id` for the check, `ssin` for
 * who follows a person, `partnerPage` for a partner's list, page by page.
 */

export const DIRECTORY_DATABASE = 'crossroads_directory';
export const directoryCollections = { entries: 'entries', counters: 'counters' } as const;

/** Entries a partner's list holds per page: the page is an equality key, so listing never scans the partner's millions. */
export const DIRECTORY_PAGE_SIZE = 1000;

/** One period in which the partner holds a file on the person in this capacity; both days included. */
export interface DirectoryPeriod {
  from: string;
  /** Null while the file is open. */
  until: string | null;
  /** When and by whom it was registered (`seed` for the synthetic population). */
  recordedAt: string;
  recordedBy: string;
  /** When and by whom its end was last set or moved. */
  endedAt?: string;
  endedBy?: string;
}

export interface DirectoryEntryDoc {
  /** `<partner>|<ssin>|<capacity>`. */
  _id: string;
  partnerId: string;
  ssin: string;
  capacity: string;
  /** Position among the partner's entries, in registration order (from 0; gaps allowed). */
  seq: number;
  /** `<partner>|<page>`, page = floor(seq / DIRECTORY_PAGE_SIZE). */
  partnerPage: string;
  /** Never overlapping, oldest first. */
  periods: DirectoryPeriod[];
  /** Incremented by every change; a write applies only to the version it read. */
  version: number;
  updatedAt: string;
}

/** A partner's counter of entries, for `seq`. */
export interface DirectoryCounterDoc {
  _id: string;
  seq: number;
}

export function directoryEntryId(partnerId: string, ssin: string, capacity: string): string {
  return `${partnerId}|${ssin}|${capacity}`;
}

export function partnerPageOf(partnerId: string, seq: number): string {
  return `${partnerId}|${Math.floor(seq / DIRECTORY_PAGE_SIZE)}`;
}
