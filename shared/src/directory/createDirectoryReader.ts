import type { Collection, MongoClient } from 'mongodb';
import { findOneEachByKey } from '../mongo/findManyByKey.js';
import type { ServerKind } from '../mongo/serverKind.js';
import { DIRECTORY_DATABASE, directoryCollections, directoryEntryId, type DirectoryEntryDoc } from './directoryLayout.js';
import { isActiveOn } from './periods.js';

/** Whom a partner follows: what the gateway and the sources ask the reference directory before reading a person. */
export interface DirectoryReader {
  /**
   * For each SSIN the partner follows on `day` in one of `capacities`, those
   * capacities; SSINs it does not follow are absent. One query, by `_id`,
   * whatever the number of SSINs.
   */
  followedCapacities(
    partnerId: string,
    ssins: readonly string[],
    capacities: readonly string[],
    day: string,
  ): Promise<Map<string, Set<string>>>;
}

export function createDirectoryReader(client: MongoClient, serverKind: ServerKind): DirectoryReader {
  const entries: Collection<DirectoryEntryDoc> = client.db(DIRECTORY_DATABASE).collection(directoryCollections.entries);
  return {
    async followedCapacities(partnerId, ssins, capacities, day) {
      const followed = new Map<string, Set<string>>();
      const ids = [...new Set(ssins)].flatMap((ssin) => capacities.map((capacity) => directoryEntryId(partnerId, ssin, capacity)));
      if (ids.length === 0) return followed;
      const docs = await findOneEachByKey(entries, '_id', ids, serverKind);
      for (const doc of docs) {
        // The key is checked again: the store answers a superset when the server filters loosely.
        if (!doc || doc.partnerId !== partnerId || !isActiveOn(doc.periods, day)) continue;
        let set = followed.get(doc.ssin);
        if (!set) followed.set(doc.ssin, (set = new Set()));
        set.add(doc.capacity);
      }
      return followed;
    },
  };
}
