import type { Document, Filter, MongoClient } from 'mongodb';
import { collections } from '../layout.js';

/**
 * The store floor: exactly the documents the benchmark's person query
 * (bench/src/queries.ts: name and address; employments with their employer;
 * unemployment payments) needs, read with the driver alone, with the same
 * filters the subgraphs' loaders send (shared/src/mongo/findManyByKey.ts: one
 * key an equality, several a `$in`). No GraphQL, no authorization, no audit:
 * what the database costs before any layer of ours is added.
 *
 * The three sources' reads by SSIN go out together; employers follow, since
 * their keys come from the employments. The employment subgraph keeps
 * employers in a process-wide cache (decision 0012), so it reads them less
 * often than this floor does: the floor counts every document the answer is
 * made of.
 */
export interface StoreRead {
  /** Documents read, all collections together. */
  documents: number;
}

export async function readPersonsFromStore(client: MongoClient, ssins: readonly string[]): Promise<StoreRead> {
  const keys = [...new Set(ssins)];
  const by = (field: string) => (keys.length === 1 ? { [field]: keys[0] } : { [field]: { $in: keys } });
  const read = (c: { database: string; name: string }, filter: Filter<{ _id: string }>) =>
    client.db(c.database).collection<{ _id: string } & Document>(c.name).find(filter).toArray();
  const [persons, employments, payments] = await Promise.all([
    read(collections.persons, by('_id')),
    read(collections.employments, by('ssin')),
    read(collections.unemploymentPayments, by('ssin')),
  ]);
  const employerIds = [...new Set(employments.map((e) => String(e.employer)))];
  const employers =
    employerIds.length === 0
      ? []
      : await read(collections.employers, employerIds.length === 1 ? { _id: employerIds[0] } : { _id: { $in: employerIds } });
  return { documents: persons.length + employments.length + payments.length + employers.length };
}
