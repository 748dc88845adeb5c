import type { Collection, Document, Filter } from 'mongodb';
import type { ServerKind } from './serverKind.js';

/**
 * Reads every document whose `field` equals one of `keys`, grouped by key and
 * aligned with `keys` (an empty array where a key has none), as a DataLoader
 * batch function must return them.
 *
 * MongoDB: one `$in` query. FerretDB: one equality query per distinct key, all
 * in flight at once, because only equality reaches its PostgreSQL indexes.
 */
export async function findManyByKey<T extends Document>(
  collection: Collection<T>,
  field: string,
  keys: readonly string[],
  serverKind: ServerKind,
): Promise<T[][]> {
  const distinct = [...new Set(keys)];
  const byKey = new Map<string, T[]>(distinct.map((key) => [key, []]));
  if (serverKind === 'mongodb') {
    const docs = await collection.find({ [field]: { $in: distinct } } as Filter<T>).toArray();
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
