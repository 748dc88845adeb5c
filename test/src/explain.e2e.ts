import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureGinIndex, ferretDbTable } from '@crossroads/db';
import { formatSsin } from '@crossroads/shared';
import { MongoClient } from 'mongodb';
import pg from 'pg';

const { mongoUri, postgresUrl } = inject('stack');
const DOCUMENTS = 100_000;
const DATABASE = 'crossroads_explain_test';

/**
 * Proves, on PostgreSQL's side, that a lookup by SSIN through FerretDB is an
 * index scan and not a scan of the collection. Only meaningful on the embedded
 * server; against a real MongoDB the driver's createIndex suffices.
 */
describe.skipIf(!postgresUrl)('a lookup by SSIN in 100,000 documents on FerretDB', () => {
  const mongo = new MongoClient(mongoUri);
  const sql = new pg.Client({ connectionString: postgresUrl! });
  let table: string;
  const ssinAt = (i: number) =>
    formatSsin({ birthDate: `19${String(40 + (i % 60)).padStart(2, '0')}-01-01`, serial: Math.floor(i / 60) + 1 });

  beforeAll(async () => {
    await Promise.all([mongo.connect(), sql.connect()]);
    await mongo.db(DATABASE).dropDatabase();
    const collection = mongo.db(DATABASE).collection('persons');
    for (let start = 0; start < DOCUMENTS; start += 10_000) {
      const batch = Array.from({ length: 10_000 }, (_, k) => ({ ssin: ssinAt(start + k), lastName: 'Peeters', n: start + k }));
      await collection.insertMany(batch, { ordered: false });
    }
    await collection.createIndex({ ssin: 1 }, { unique: true });
    table = await ferretDbTable(sql, DATABASE, 'persons');
  }, 300_000);

  afterAll(async () => {
    await mongo.db(DATABASE).dropDatabase();
    await Promise.all([mongo.close(), sql.end()]);
  });

  /** The statement FerretDB prepares for `find({ssin: value})`: containment with the key as a parameter. */
  async function planOfFerretDbLookup(ssin: string): Promise<string> {
    await sql.query('DEALLOCATE ALL');
    await sql.query(
      `PREPARE lookup(text, jsonb) AS SELECT _jsonb FROM ${pg.escapeIdentifier(DATABASE)}.${pg.escapeIdentifier(table)} WHERE _jsonb -> $1 @> $2`,
    );
    const { rows } = await sql.query(`EXPLAIN EXECUTE lookup('ssin', ${pg.escapeLiteral(JSON.stringify(ssin))})`);
    return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
  }

  it('is a sequential scan with only the btree index that createIndex makes', async () => {
    await sql.query(`ANALYZE ${pg.escapeIdentifier(DATABASE)}.${pg.escapeIdentifier(table)}`);
    expect(await planOfFerretDbLookup(ssinAt(54_321))).toMatch(/Seq Scan/);
  });

  it('is a bitmap index scan on the GIN jsonb_path_ops index the setup adds', async () => {
    await ensureGinIndex(postgresUrl!, DATABASE, 'persons', 'ssin');
    await sql.query(`ANALYZE ${pg.escapeIdentifier(DATABASE)}.${pg.escapeIdentifier(table)}`);
    const plan = await planOfFerretDbLookup(ssinAt(54_321));
    expect(plan).toMatch(/Bitmap Index Scan on \S+_ssin_gin/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('is what FerretDB itself runs for a find by SSIN: the GIN index is scanned', { timeout: 30_000 }, async () => {
    const scans = async () => {
      const { rows } = await sql.query(
        `SELECT idx_scan FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname LIKE '%_ssin_gin'`,
        [DATABASE],
      );
      return Number(rows[0]?.idx_scan ?? 0);
    };
    const before = await scans();
    const found = await mongo
      .db(DATABASE)
      .collection('persons')
      .find({ ssin: ssinAt(77_777) })
      .toArray();
    expect(found).toEqual([expect.objectContaining({ ssin: ssinAt(77_777), n: 77_777 })]);
    // A backend flushes its statistics to pg_stat_user_indexes once it has been idle
    // for PGSTAT_IDLE_INTERVAL (10 s in PostgreSQL 15), so this waits up to 15 s.
    await expect.poll(scans, { timeout: 15_000, interval: 250 }).toBeGreaterThan(before);
  });
});
