import { AUDIT_DATABASE, auditCollections, findManyByKey, type ServerKind } from '@crossroads/shared';
import type { Collection, Db, Filter } from 'mongodb';
import { CHAIN_FIELDS_EXCLUDED, type StoredRecord, type StoredRequest } from './query/storedRecords.js';

/**
 * The audit store's lookups, every one by equality on an indexed key
 * (db/src/layout.ts): FerretDB pushes only equality down to PostgreSQL, so a
 * range over `at`, an `$in` or a sort would read the whole trail there.
 */
export interface AuditStore {
  /** Every record, requests and releases, of one partner on one Belgian day: `partnerDay`. */
  ofPartnerDay(partnerDay: string): Promise<StoredRecord[]>;
  /**
   * Every record that names a person, whatever its day: the releases of their data, and the gateway's records
   * of the requests that named them (lookups included): `ssins` (GIN containment on FerretDB).
   */
  recordsNaming(ssin: string): Promise<StoredRecord[]>;
  /** The gateway's record of each request, aligned with `requestIds` (null where there is none): `requestId`. */
  requestRecords(requestIds: readonly string[]): Promise<(StoredRequest | null)[]>;
  /** Every record of each request: `requestId`. */
  recordsOf(requestIds: readonly string[]): Promise<StoredRecord[]>;
}

export function createAuditStore(db: Db, serverKind: ServerKind): AuditStore {
  const records: Collection<StoredRecord> = db.collection<StoredRecord>(auditCollections.records);
  const find = (filter: Filter<StoredRecord>) => records.find(filter, { projection: CHAIN_FIELDS_EXCLUDED }).toArray();
  return {
    ofPartnerDay: (partnerDay) => find({ partnerDay }),
    recordsNaming: (ssin) => find({ ssins: ssin } as Filter<StoredRecord>),
    async requestRecords(requestIds) {
      // By `requestId`, indexed already, rather than by `_id`: on FerretDB an `_id` lookup needs a GIN index of
      // its own, which every audit insert would pay for. A request has a handful of records; its own is kept.
      const groups = await findManyByKey(records, 'requestId', requestIds, serverKind);
      return groups.map((group) => (group.find((record) => record.kind === 'request') as StoredRequest | undefined) ?? null);
    },
    async recordsOf(requestIds) {
      return (await findManyByKey(records, 'requestId', requestIds, serverKind)).flat();
    },
  };
}

/** The audit store of a client: database crossroads_audit. */
export function auditDb(client: { db(name: string): Db }): Db {
  return client.db(AUDIT_DATABASE);
}
