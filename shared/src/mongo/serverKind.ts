import type { MongoClient } from 'mongodb';

/**
 * Which server speaks the wire protocol. It decides how a batch is read: MongoDB
 * serves `$in` from an index, FerretDB 1.x does not push `$in` down and would scan
 * the whole collection, so there a batch becomes concurrent indexed point reads.
 * Detected, not configured: a deployment cannot get it wrong.
 */
export type ServerKind = 'mongodb' | 'ferretdb';

export async function detectServerKind(client: MongoClient): Promise<ServerKind> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
}
