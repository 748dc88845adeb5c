import type { MongoClient } from 'mongodb';
import { detectServerKind, isFerretDb } from '@crossroads/shared';
import pg from 'pg';
import { indexSpecs, type IndexSpec } from './layout.js';

/**
 * Creates the indexes every request path needs. Through the driver first (that
 * is all a real MongoDB needs). When the server is the embedded FerretDB, its
 * PostgreSQL database is given as well, and each indexed key also gets a GIN
 * `jsonb_path_ops` expression index: FerretDB queries `_jsonb->'field' @> value`,
 * which the btree that `createIndex` makes cannot serve (docs/decisions/0001);
 * there the btree is made only for a unique key.
 */
export async function ensureIndexes(client: MongoClient, options: { postgresUrl?: string } = {}): Promise<void> {
  const ferretDb = isFerretDb(await detectServerKind(client));
  for (const spec of indexSpecs) {
    const db = client.db(spec.database);
    const exists = await db.listCollections({ name: spec.collection }, { nameOnly: true }).hasNext();
    if (!exists) await db.createCollection(spec.collection);
    // On FerretDB the btree `createIndex` makes serves no lookup (they are `@>`, served by the GIN
    // index below) and costs every insert: only a unique key, which it enforces, gets one there.
    if (spec.field !== '_id' && (!ferretDb || spec.unique)) {
      await db.collection(spec.collection).createIndex({ [spec.field]: 1 }, { name: `${spec.field}_1`, unique: spec.unique ?? false });
    }
  }
  if (options.postgresUrl) await ensureGinIndexes(options.postgresUrl, indexSpecs);
}

async function ensureGinIndexes(postgresUrl: string, specs: IndexSpec[]): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const spec of specs) await createGinIndex(client, spec.database, spec.collection, spec.field);
  } finally {
    await client.end();
  }
}

/** The GIN index for one collection and key, for collections outside `indexSpecs` (tests, tools). */
export async function ensureGinIndex(postgresUrl: string, database: string, collection: string, field: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await createGinIndex(client, database, collection, field);
  } finally {
    await client.end();
  }
}

async function createGinIndex(client: pg.Client, database: string, collection: string, field: string): Promise<void> {
  const table = await ferretDbTable(client, database, collection);
  const index = pg.escapeIdentifier(`${table.slice(0, 40)}_${field}_gin`.slice(0, 63));
  await client.query(
    `CREATE INDEX IF NOT EXISTS ${index} ON ${pg.escapeIdentifier(database)}.${pg.escapeIdentifier(table)} USING gin ((_jsonb -> ${pg.escapeLiteral(field)}) jsonb_path_ops)`,
  );
}

/** FerretDB's own metadata table maps each collection to the table that holds it. */
export async function ferretDbTable(client: pg.Client, database: string, collection: string): Promise<string> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT _jsonb ->> 'table' AS table FROM ${pg.escapeIdentifier(database)}._ferretdb_database_metadata WHERE _jsonb ->> '_id' = $1`,
    [collection],
  );
  if (!rows[0]) throw new Error(`FerretDB has no table for ${database}.${collection}`);
  return rows[0].table;
}

/** After a bulk load: fresh statistics, so PostgreSQL's planner picks the GIN indexes. */
export async function analyzeFerretDbTables(postgresUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const spec of indexSpecs) {
      const table = await ferretDbTable(client, spec.database, spec.collection);
      await client.query(`ANALYZE ${pg.escapeIdentifier(spec.database)}.${pg.escapeIdentifier(table)}`);
    }
  } finally {
    await client.end();
  }
}
