import type { Collection, Document, Filter } from 'mongodb';
import { readsBatchWithIn, type ServerKind } from './serverKind.js';

/**
 * Reads every document whose `field` equals one of `keys`, grouped by key and
 * aligned with `keys` (an empty array where a key has none), as a DataLoader
 * batch function must return them.
 *
 * MongoDB and our FerretDB build: one `$in` query (one key: one equality).
 * Stock FerretDB: one equality query per distinct key, all in flight at once,
 * because there only equality reaches the PostgreSQL indexes.
 */
export async function findManyByKey<T extends Document>(
  collection: Collection<T>,
  field: string,
  keys: readonly string[],
  serverKind: ServerKind,
): Promise<T[][]> {
  const distinct = [...new Set(keys)];
  const byKey = new Map<string, T[]>(distinct.map((key) => [key, []]));
  if (readsBatchWithIn(serverKind)) {
    const filter = distinct.length === 1 ? { [field]: distinct[0] } : { [field]: { $in: distinct } };
    const docs = await collection.find(filter as Filter<T>).toArray();
    for (const doc of docs) byKey.get(String(doc[field]))?.push(doc as T);
  } else {
    const results = await Promise.all(distinct.map((key) => collection.find({ [field]: key } as Filter<T>).toArray()));
    distinct.forEach((key, i) => byKey.set(key, results[i] as T[]));
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/** Like findManyByKey for a unique key: one document or null per key. */
export async function findOneEachByKey<T extends Document>(
  collection: Collection<T>,
  field: string,
  keys: readonly string[],
  serverKind: ServerKind,
): Promise<(T | null)[]> {
  const groups = await findManyByKey(collection, field, keys, serverKind);
  return groups.map((docs) => docs[0] ?? null);
}
