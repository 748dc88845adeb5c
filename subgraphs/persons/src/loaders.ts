import DataLoader from 'dataloader';
import { collections, type PersonDoc } from '@crossroads/db';
import { findOneEachByKey, type ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';

export interface PersonsLoaders {
  personBySsin: DataLoader<string, PersonDoc | null>;
}

/** One set per request: a DataLoader caches, and a cache must not outlive the request that was authorised to fill it. */
export function createLoaders(client: MongoClient, serverKind: ServerKind): PersonsLoaders {
  const persons = client.db(collections.persons.database).collection<PersonDoc>(collections.persons.name);
  return {
    personBySsin: new DataLoader((ssins) => findOneEachByKey(persons, '_id', ssins, serverKind), { maxBatchSize: 1000 }),
  };
}
