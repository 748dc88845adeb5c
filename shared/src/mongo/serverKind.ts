import type { MongoClient } from 'mongodb';

/**
 * Which server speaks the wire protocol. It decides how a batch is read:
 * - `mongodb` serves `$in` from an index;
 * - `ferretdb-in-pushdown` is FerretDB built by this project with its `$in`
 *   patch (db/ferretdb/), which turns `$in` into one GIN index scan;
 * - `ferretdb`, a stock FerretDB 1.x, does not push `$in` down and would scan
 *   the whole collection, so there a batch becomes concurrent indexed point reads.
 * Detected, not configured: a deployment cannot get it wrong.
 */
export type ServerKind = 'mongodb' | 'ferretdb' | 'ferretdb-in-pushdown';

/**
 * The mark our FerretDB build carries in its version (`v1.24.2+crossroads.1`);
 * patch level 1 and later push `$in` down. Kept in step with db/src/embedded/binaries.ts.
 */
const PATCHED_FERRETDB = /\+crossroads\.(\d+)$/;

export async function detectServerKind(client: MongoClient): Promise<ServerKind> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return serverKindOf(info);
}

export function serverKindOf(buildInfo: Record<string, unknown>): ServerKind {
  const version = buildInfo.ferretdbVersion;
  if (version === undefined) return 'mongodb';
  const patch = typeof version === 'string' ? PATCHED_FERRETDB.exec(version) : null;
  return patch && Number(patch[1]) >= 1 ? 'ferretdb-in-pushdown' : 'ferretdb';
}

/** FerretDB in either build: its indexes are made in PostgreSQL too (db/src/indexes.ts). */
export function isFerretDb(kind: ServerKind): boolean {
  return kind !== 'mongodb';
}

/** Whether one `$in` query reads a batch from an index. */
export function readsBatchWithIn(kind: ServerKind): boolean {
  return kind !== 'ferretdb';
}
