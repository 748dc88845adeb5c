import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  collections,
  databases,
  ensureGinIndex,
  ensureIndexes,
  ensureServerBinaries,
  ensureStockFerretDb,
  FERRETDB_BUILD,
  FERRETDB_VERSION,
  seedDatabase,
  startFerretDbBuilds,
  type FerretDbBuilds,
} from '@crossroads/db';
import { BSON, Double, Int32, Long, MongoClient, ObjectId, type Collection, type Document } from 'mongodb';

const { postgresUrl } = inject('stack');

/**
 * Our FerretDB build (db/ferretdb/*.patch: a one-pass JSONB decoder, no stack
 * capture per iterator, no copies without a projection, `$in` as index
 * lookups) must answer exactly as FerretDB 1.24.2 as released. Both run side
 * by side over one PostgreSQL cluster, are given the same writes, and are
 * asked the same queries; the answers are compared as raw BSON, byte for byte
 * (types and field order included). Where a query has no sort, neither server
 * defines an order, so its documents are compared as a multiset; with a sort,
 * in order. Errors must match in code and message.
 *
 * The corpus: every BSON type the sources and the audit trail use, with edge
 * values (int32 and int64 limits, doubles from 5e-324 to 1.8e308, dates before
 * 1970 and in year 9999, empty and nested arrays and documents, unicode up to
 * astral-plane characters, strings that JSON must escape, documents of a few
 * MB), plus a seeded population of the three sources and audit-trail records.
 * Only meaningful on the embedded server (both builds are built from the Go module).
 */
describe.skipIf(!postgresUrl)('our FerretDB build answers exactly as FerretDB 1.24.2 as released', () => {
  let servers: FerretDbBuilds;
  let ours: MongoClient;
  let stock: MongoClient;
  /** For the keys the queries ask about: a client of its own, so that the two compared ones make the same commands. */
  let probe: MongoClient;
  const getMores = { ours: 0, stock: 0 };

  beforeAll(async () => {
    const patchedBinary = (await ensureServerBinaries()).ferretdb;
    const stockBinary = await ensureStockFerretDb();
    servers = await startFerretDbBuilds([patchedBinary, stockBinary]);
    const [a, b] = servers.builds;
    ours = new MongoClient(a!.mongoUri, { monitorCommands: true });
    stock = new MongoClient(b!.mongoUri, { monitorCommands: true });
    ours.on('commandStarted', (e) => void (e.commandName === 'getMore' && getMores.ours++));
    stock.on('commandStarted', (e) => void (e.commandName === 'getMore' && getMores.stock++));
    probe = new MongoClient(b!.mongoUri);
    await Promise.all([ours.connect(), stock.connect(), probe.connect()]);
    // The same writes, in the same order, into each.
    for (const [client, build] of [
      [ours, a!],
      [stock, b!],
    ] as const) {
      await seedDatabase(client, { persons: 300, seed: 11 });
      await ensureIndexes(client, { postgresUrl: build.postgresUrl });
      await client.db(CORPUS_DB).createCollection('corpus');
      // Indexed keys take the patched build's join path; `plain` stays without an index.
      for (const field of ['_id', 'tags', 's']) await ensureGinIndex(build.postgresUrl, CORPUS_DB, 'corpus', field);
      insertOutcomes.push(await insertEach(client.db(CORPUS_DB).collection('corpus'), corpus()));
      await client.db(CORPUS_DB).collection<{ _id: unknown }>('ids').insertMany(idDocuments());
      await client.db(databases.audit).collection('records').insertMany(auditRecords());
      await client.db(databases.audit).collection('checkpoints').insertMany(checkpoints());
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all([ours?.close(), stock?.close(), probe?.close()]);
    await servers?.stop();
  });

  const insertOutcomes: string[][] = [];

  it('compares our build with the stock one, and can tell BSON apart', async () => {
    const [o, s] = await Promise.all([ours, stock].map((c) => c.db('admin').command({ buildInfo: 1 })));
    expect(o!.ferretdbVersion).toBe(FERRETDB_BUILD);
    expect(s!.ferretdbVersion).toBe(FERRETDB_VERSION);
    // The comparison sees a double that equals an int32, and a change of field order.
    expect(sameBson([{ n: 1 }], [{ n: new Double(1) }])).toBe(false);
    expect(sameBson([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBe(false);
    expect(sameBson([{ a: [] }], [{ a: [] }])).toBe(true);
  });

  it('covers every BSON type the sources and the audit trail use', () => {
    const seen = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        seen.add(v.length ? 'array' : 'empty array');
        if (v.some((e) => e && typeof e === 'object' && Object.values(e as object).some(Array.isArray)))
          seen.add('arrays in arrays of documents');
        v.forEach(walk);
      } else if (v instanceof Int32) seen.add('int32');
      else if (v instanceof Long) seen.add('int64');
      else if (v instanceof Double) seen.add('double');
      else if (v instanceof ObjectId) seen.add('objectId');
      else if (v instanceof Date) seen.add('date');
      else if (v === null) seen.add('null');
      else if (typeof v === 'boolean') seen.add('bool');
      else if (typeof v === 'string') {
        seen.add('string');
        if (/\p{Extended_Pictographic}|[\u{10000}-\u{10FFFF}]/u.test(v)) seen.add('astral plane');
        if (['"', '\\', '\n', '\t', '\u0001'].some((c) => v.includes(c))) seen.add('escapes');
      } else if (typeof v === 'object') {
        seen.add(Object.keys(v as object).length ? 'document' : 'empty document');
        Object.values(v as object).forEach(walk);
      }
    };
    // What was stored, not what was refused.
    corpus()
      .filter((_, i) => insertOutcomes[1]![i] === 'ok')
      .forEach(walk);
    for (const kind of [
      'string',
      'int32',
      'int64',
      'double',
      'bool',
      'null',
      'date',
      'objectId',
      'document',
      'empty document',
      'array',
      'empty array',
      'arrays in arrays of documents',
      'astral plane',
      'escapes',
    ]) {
      expect(seen, kind).toContain(kind);
    }
    expect(Math.max(...corpus().map((d) => BSON.calculateObjectSize(d)))).toBeGreaterThan(3_000_000);
  });

  it('accepts and refuses the same documents', () => {
    expect(insertOutcomes[0]).toEqual(insertOutcomes[1]);
    expect(insertOutcomes[0]!.filter((x) => x === 'ok').length).toBeGreaterThan(20);
  });

  it('answers every query of the corpus alike', async () => {
    for (const q of corpusQueries()) await expectSameAnswer(q);
  }, 120_000);

  it('answers the sources’ reads alike, over a seeded population', async () => {
    const persons = await probe
      .db(collections.persons.database)
      .collection<{ _id: string }>(collections.persons.name)
      .find({}, { projection: { _id: 1 }, sort: { _id: 1 } })
      .toArray();
    const ssins = persons.map((p) => p._id);
    expect(ssins.length).toBe(300);
    const some = ssins.filter((_, i) => i % 5 === 0);
    const employers = await probe.db(collections.employers.database).collection(collections.employers.name).distinct('_id');
    for (const c of Object.values(collections)) {
      await expectSameAnswer({ name: `${c.name}: everything by _id`, db: c.database, coll: c.name, sort: { _id: 1 }, batchSize: 50 });
      await expectSameAnswer({ name: `${c.name}: everything`, db: c.database, coll: c.name });
    }
    const bySsin = [collections.employments, collections.quarterlyDeclarations, collections.unemploymentPayments];
    for (const c of bySsin) {
      const one = (await probe
        .db(c.database)
        .collection<{ _id: string; ssin: string }>(c.name)
        .findOne({}, { sort: { _id: 1 } }))!.ssin;
      await expectSameAnswer({ name: `${c.name}: one SSIN`, db: c.database, coll: c.name, filter: { ssin: one } });
      await expectSameAnswer({
        name: `${c.name}: $in of 60 SSINs`,
        db: c.database,
        coll: c.name,
        filter: { ssin: { $in: [...some, 'missing'] } },
      });
      await expectSameAnswer({
        name: `${c.name}: $in of 3 SSINs`,
        db: c.database,
        coll: c.name,
        filter: { ssin: { $in: some.slice(0, 3) } },
      });
    }
    for (const c of [collections.persons, collections.unemploymentFiles]) {
      const one = (await probe
        .db(c.database)
        .collection<{ _id: string }>(c.name)
        .findOne({}, { sort: { _id: -1 } }))!._id;
      await expectSameAnswer({ name: `${c.name}: one _id`, db: c.database, coll: c.name, filter: { _id: one } });
      await expectSameAnswer({
        name: `${c.name}: $in of 60 _ids`,
        db: c.database,
        coll: c.name,
        filter: { _id: { $in: [...some, 'nobody'] } },
      });
    }
    await expectSameAnswer({
      name: 'employers: $in',
      db: collections.employers.database,
      coll: collections.employers.name,
      filter: { _id: { $in: employers.slice(0, 40) } },
    });
    await expectSameAnswer({
      name: 'persons: projection as the persons subgraph reads',
      db: collections.persons.database,
      coll: collections.persons.name,
      filter: { _id: { $in: some } },
      projection: { lastName: 1, firstNames: 1, addresses: 1 },
    });
    expect(getMores.ours).toBeGreaterThan(0);
    expect(getMores.ours).toBe(getMores.stock);
  }, 120_000);

  it('answers the audit trail’s reads and writes alike', async () => {
    const audit = databases.audit;
    const q = (name: string, rest: Omit<Query, 'name' | 'db'>) => expectSameAnswer({ name, db: audit, ...rest });
    await q('records of a person', { coll: 'records', filter: { ssins: '85073003328' } });
    await q('records of a partner-day, by seq', { coll: 'records', filter: { partnerDay: 'capac|2026-11-27' }, sort: { seq: 1, _id: 1 } });
    await q('records of a chain, by seq', { coll: 'records', filter: { chain: 'gateway:1' }, sort: { seq: 1 }, batchSize: 10 });
    await q('records by requestId', {
      coll: 'records',
      filter: { requestId: { $in: ['r-3', 'r-17', 'r-42', 'r-64', 'r-5', 'r-6', 'r-7', 'r-8', 'r-99'] } },
    });
    await q('count up to a seq', { coll: 'records', count: { chain: 'gateway:1', seq: { $lte: 40 } } });
    await q('distinct chains', { coll: 'records', distinct: 'chain' });
    await q('distinct ssins', { coll: 'records', distinct: 'ssins' });
    await q('checkpoints of a chain', { coll: 'checkpoints', filter: { chain: 'gateway:1' }, sort: { seq: 1 } });
    // Archival's writes: each must remove the same documents from each server.
    for (const client of [ours, stock]) {
      const db = client.db(audit);
      const byStringId = (name: string) => db.collection<{ _id: string }>(name);
      const deleted = [
        (await byStringId('checkpoints').deleteMany({ chain: 'gateway:1', _id: { $in: ['cp:gateway:1:1', 'cp:gateway:1:2', 'nope'] } }))
          .deletedCount,
        (await byStringId('records').deleteMany({ chain: 'gateway:1', seq: { $lte: 10 } })).deletedCount,
        (await byStringId('records').deleteOne({ _id: 'gateway:1:11', chain: 'gateway:1', seq: 11 })).deletedCount,
      ];
      await byStringId('documents').updateOne(
        { _id: 'hash-1' },
        { $setOnInsert: { document: '{ person(ssin: $s) { name } }' }, $max: { lastUsedDay: '2026-11-27' } },
        { upsert: true },
      );
      (client === ours ? deletedByOurs : deletedByStock).push(...deleted);
    }
    expect(deletedByOurs).toEqual(deletedByStock);
    expect(deletedByOurs).toEqual([2, 8, 1]);
    await q('records after archival', { coll: 'records', sort: { _id: 1 } });
    await q('checkpoints after archival', { coll: 'checkpoints', sort: { _id: 1 } });
    await q('documents after the upsert', { coll: 'documents', sort: { _id: 1 } });
  });
  const deletedByOurs: number[] = [];
  const deletedByStock: number[] = [];

  interface Query {
    name: string;
    db: string;
    coll: string;
    filter?: Document;
    projection?: Document;
    sort?: Document;
    limit?: number;
    skip?: number;
    batchSize?: number;
    /** Instead of a find: countDocuments(count), distinct(distinct), aggregate(pipeline). */
    count?: Document;
    distinct?: string;
    pipeline?: Document[];
    /** The answer may be empty (default: it must hold something, or the comparison proves little). */
    empty?: boolean;
  }

  /** The query's answer from one server: raw BSON documents in the order received, or the error. */
  async function answer(client: MongoClient, q: Query): Promise<{ docs: Buffer[] } | { error: string }> {
    const coll = client.db(q.db).collection(q.coll);
    try {
      if (q.count) return { docs: [Buffer.from(BSON.serialize({ n: await coll.countDocuments(q.count) }))] };
      if (q.distinct !== undefined) {
        // Commands do not return raw BSON: every value wrapped in its type, then serialized again.
        const reply = await client
          .db(q.db)
          .command(
            { distinct: q.coll, key: q.distinct, query: q.filter ?? {} },
            { promoteValues: false, promoteLongs: false, bsonRegExp: true },
          );
        return { docs: [Buffer.from(BSON.serialize(reply))] };
      }
      if (q.pipeline) return { docs: (await coll.aggregate(q.pipeline, { raw: true }).toArray()) as unknown as Buffer[] };
      const cursor = coll.find(q.filter ?? {}, {
        raw: true,
        ...(q.projection ? { projection: q.projection } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.skip !== undefined ? { skip: q.skip } : {}),
        ...(q.batchSize !== undefined ? { batchSize: q.batchSize } : {}),
      });
      return { docs: (await cursor.toArray()) as unknown as Buffer[] };
    } catch (error) {
      const e = error as { code?: number; codeName?: string; message?: string };
      return { error: `${e.code} ${e.codeName}: ${e.message}` };
    }
  }

  async function expectSameAnswer(q: Query): Promise<void> {
    const [a, b] = await Promise.all([answer(ours, q), answer(stock, q)]);
    if ('error' in b || 'error' in a) {
      expect(a, q.name).toEqual(b);
      return;
    }
    const ordered = q.sort !== undefined || q.count !== undefined || q.distinct !== undefined || q.pipeline !== undefined;
    const hex = (docs: Buffer[]) => (ordered ? docs : [...docs].sort(Buffer.compare)).map((d) => Buffer.from(d).toString('hex'));
    const [x, y] = [hex(a.docs), hex(b.docs)];
    if (!q.empty) expect(y.length, `${q.name}: the stock build found nothing`).toBeGreaterThan(0);
    expect(x.length, `${q.name}: number of documents`).toBe(y.length);
    const first = x.findIndex((d, i) => d !== y[i]);
    if (first >= 0) {
      const show = (h: string) =>
        BSON.EJSON.stringify(BSON.deserialize(Buffer.from(h, 'hex'), { promoteValues: false }), { relaxed: false }).slice(0, 600);
      expect.fail(`${q.name}: document ${first} differs\n  ours:  ${show(x[first]!)}\n  stock: ${show(y[first]!)}`);
    }
  }

  function corpusQueries(): Query[] {
    const c = (name: string, rest: Omit<Query, 'name' | 'db' | 'coll'>): Query => ({ name, db: CORPUS_DB, coll: 'corpus', ...rest });
    const ids = corpus().map((d) => d._id as string);
    const tags = ['a', 'b', 'c', 'd', 'é', '😀', 'x y', 'none', 'z'];
    return [
      c('everything, by _id', { sort: { _id: 1 } }),
      c('everything', {}),
      c('everything, by _id, three at a time (getMore)', { sort: { _id: 1 }, batchSize: 3 }),
      c('everything, newest first', { sort: { _id: -1 } }),
      ...ids.map((id) => c(`_id ${id}`, { filter: { _id: id }, empty: true })),
      c('$in of 3 _ids, one missing', { filter: { _id: { $in: [ids[1], ids[5], 'missing'] } } }),
      c('$in of 12 _ids with repeats and a missing one', { filter: { _id: { $in: [...ids.slice(0, 10), ids[2], 'missing'] } } }),
      c('$in of every _id', { filter: { _id: { $in: ids } } }),
      c('$in of _ids of mixed types (not pushed down)', { filter: { _id: { $in: [ids[0], 7, null] } } }),
      c('$in of 2 tags (array and scalar values)', { filter: { tags: { $in: ['a', 'é'] } } }),
      c('$in of 9 tags (array and scalar values)', { filter: { tags: { $in: tags } } }),
      c('$in of 9 values on a key without an index', {
        filter: { plain: { $in: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] } },
      }),
      c('$in of strings on a key holding numbers', { filter: { n: { $in: ['1', '2', '3', '4', '5', '6', '7', '8'] } }, empty: true }),
      c('$in of numbers (not pushed down)', { filter: { n: { $in: [1, 2, 3, 2147483647, -2147483648] } } }),
      c('$in with a regular expression', { filter: { s: { $in: [/^Z/, 'plain'] } } }),
      c('$in with a null', { filter: { maybe: { $in: [null, 'x'] } } }),
      c('equality on a string', { filter: { s: 'Zoë Ünal' } }),
      c('equality on an array element', { filter: { tags: 'b' } }),
      c('equality on an int32', { filter: { n: 2147483647 } }),
      c('equality on an int64', { filter: { big: Long.fromString('9223372036854775807') } }),
      c('equality on a double', { filter: { d: 0.1 } }),
      c('equality on a bool', { filter: { ok: false } }),
      c('equality on null (matches missing too)', { filter: { maybe: null } }),
      c('equality on a date', { filter: { at: new Date(-1) } }),
      c('equality on an ObjectId', { filter: { oid: new ObjectId('65a1b2c3d4e5f60718293a4b') } }),
      c('equality on a nested field', { filter: { 'nested.a.b': 1 } }),
      c('equality on a whole subdocument', { filter: { nested: { a: { b: 1, c: [] } } } }),
      c('$ne', { filter: { s: { $ne: 'plain' } } }),
      c('$gt and $lte', { filter: { n: { $gt: 0, $lte: 100 } } }),
      c('$exists', { filter: { maybe: { $exists: true } } }),
      c('inclusion projection', { projection: { s: 1, tags: 1 }, sort: { _id: 1 } }),
      c('exclusion projection', { projection: { s: 0, big: 0 }, sort: { _id: 1 } }),
      c('projection without _id', { projection: { _id: 0, n: 1 }, sort: { _id: 1 } }),
      c('projection of a nested field', { projection: { 'nested.a': 1 }, sort: { _id: 1 } }),
      c('$in with a projection', { filter: { _id: { $in: ids.slice(0, 9) } }, projection: { n: 1, at: 1 } }),
      c('sort by a number, then _id', { sort: { n: -1, _id: 1 } }),
      c('sort by a string, then _id, skip and limit', { sort: { s: 1, _id: 1 }, skip: 3, limit: 5 }),
      c('limit without sort', { limit: 4, filter: { kind: 'type' } }),
      c('count', { count: {} }),
      c('count of a tag', { count: { tags: 'a' } }),
      c('distinct kinds', { distinct: 'kind' }),
      c('distinct tags', { distinct: 'tags' }),
      c('aggregate: match and group', {
        pipeline: [{ $match: { kind: 'type' } }, { $group: { _id: '$ok', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
      }),
      c('aggregate: sort and project', { pipeline: [{ $sort: { _id: 1 } }, { $project: { s: 1, n: 1 } }] }),
      c('an error: $in without an array', { filter: { _id: { $in: 'x' } } }),
      c('an error: an unknown operator', { filter: { n: { $bogus: 1 } } }),
      {
        name: 'ids: $in of ObjectIds and numbers',
        db: CORPUS_DB,
        coll: 'ids',
        filter: { _id: { $in: idDocuments().map((d) => d._id) } },
      },
      {
        name: 'ids: $in of 8 ObjectIds (pushed down)',
        db: CORPUS_DB,
        coll: 'ids',
        filter: {
          _id: {
            $in: [0, 1, 2, 3].flatMap(() =>
              idDocuments()
                .slice(0, 2)
                .map((d) => d._id),
            ),
          },
        },
      },
      { name: 'ids: everything, by _id', db: CORPUS_DB, coll: 'ids', sort: { _id: 1 } },
    ];
  }
});

const CORPUS_DB = 'crossroads_differential';

async function insertEach(coll: Collection, docs: Document[]): Promise<string[]> {
  const outcomes: string[] = [];
  for (const doc of docs) {
    try {
      await coll.insertOne(doc);
      outcomes.push('ok');
    } catch (error) {
      const e = error as { code?: number; message?: string };
      // A refused NaN closes the connection; its message names it (number, port): not part of the answer.
      outcomes.push(`${e.code}: ${e.message?.replace(/connection \d+ to \S+ closed/, 'connection closed')}`);
    }
  }
  return outcomes;
}

/** Whether two lists of documents serialize to the same BSON. */
function sameBson(a: Document[], b: Document[]): boolean {
  return a.length === b.length && a.every((d, i) => Buffer.compare(BSON.serialize(d), BSON.serialize(b[i]!)) === 0);
}

/** Every BSON type the sources and the audit trail use, and the values where a JSON round trip could go wrong. */
function corpus(): Document[] {
  const strings = [
    'plain',
    'Zoë Ünal',
    'Łódź – Liège – Sint-Truiden',
    '日本語のテキスト',
    'עברית ومعها عربي',
    'e\u0301 (combining accent)',
    'astral: 😀 𝄞 𠜎 👩‍👩‍👧',
    'quotes " and \' and back\\slash',
    'line\nbreak\ttab\rreturn',
    'controls \u0001 \u0008 \u000c \u001f',
    'separators \u2028 \u2029 and \u00a0',
    '</script> & <b> =',
    '\\u0041 is not an escape',
    '',
    ' ',
  ];
  const docs: Document[] = strings.map((s, i) => ({
    _id: `s${String(i).padStart(2, '0')}`,
    kind: 'string',
    s,
    plain: `p${i}`,
    tags: i % 3 === 0 ? ['a', s, 'b'] : i % 3 === 1 ? 'a' : [],
  }));
  docs.push(
    {
      _id: 't01',
      kind: 'type',
      s: 'numbers',
      n: new Int32(2147483647),
      nmin: new Int32(-2147483648),
      zero: new Int32(0),
      big: Long.fromString('9223372036854775807'),
      bigmin: Long.fromString('-9223372036854775808'),
      beyond53: Long.fromString('9007199254740993'),
      d: new Double(0.1),
      dint: new Double(42),
      dneg: new Double(-2.5),
      dmax: new Double(1.7976931348623157e308),
      dmin: new Double(5e-324),
      dbig: new Double(1e300),
      dsmall: new Double(1.2345678901234567e-200),
      dnegzero: new Double(-0),
      ok: true,
      tags: ['c', 'd'],
      plain: 'p1',
    },
    {
      _id: 't02',
      kind: 'type',
      s: 'dates and ids',
      n: new Int32(7),
      at: new Date(-1),
      epoch: new Date(0),
      y1900: new Date('1900-01-01T00:00:00.001Z'),
      y9999: new Date('9999-12-31T23:59:59.999Z'),
      now: new Date('2026-11-27T10:11:12.345Z'),
      oid: new ObjectId('65a1b2c3d4e5f60718293a4b'),
      oids: [new ObjectId('000000000000000000000000'), new ObjectId('ffffffffffffffffffffffff')],
      ok: false,
      maybe: null,
      tags: 'é',
    },
    {
      _id: 't03',
      kind: 'type',
      s: 'nesting',
      n: new Int32(1),
      nested: { a: { b: 1, c: [] } },
      empty: {},
      deep: nest(20),
      arrays: [{ a: [] }, { b: [{ c: [1, 2] }, {}] }, { d: [{ e: [] }] }],
      mixed: [new Int32(1), 'a', null, true, { x: new Long(5) }, { inner: [new Double(2.5)] }, new Date(86_400_000)],
      docs: Array.from({ length: 30 }, (_, i) => ({ i, name: `n${i}`, when: new Date(i * 1000), sub: { ok: i % 2 === 0 } })),
      ok: true,
      maybe: 'x',
      tags: ['😀', 'x y'],
    },
    {
      _id: 't04',
      kind: 'type',
      s: 'keys',
      n: new Int32(100),
      'clé avec espace': 1,
      名前: '名前',
      '😀': 'emoji key',
      'key-with-dash': [],
      K: 'upper',
      k: 'lower',
      ok: false,
    },
    { _id: 't05', kind: 'type', s: 'only a few fields', n: new Int32(-5) },
    { _id: 't06' },
    {
      _id: 't07',
      kind: 'large',
      s: 'a 3-MB string',
      text: 'Crossroads ünïcödé 😀 '.repeat(140_000),
      n: new Int32(3),
    },
    {
      _id: 't08',
      kind: 'large',
      s: 'a large array and many fields',
      n: new Int32(4),
      values: Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? new Int32(i) : i % 3 === 1 ? `v${i}` : new Double(i + 0.5))),
      wide: Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`f${i}`, i % 2 ? `x${i}` : null])),
    },
    // Refused by both (a NUL in a string, a key with a quote), or not: either way, alike.
    { _id: 'r01', kind: 'refused?', s: 'nul \u0000 inside' },
    { _id: 'r02', kind: 'refused?', 'quote"key': 1 },
    { _id: 'r03', kind: 'refused?', $bad: 1 },
    { _id: 'r04', kind: 'refused?', nan: new Double(NaN) },
    { _id: 'r05', kind: 'refused?', inf: new Double(Infinity) },
    { _id: 'r06', kind: 'refused?', lone: 'lone surrogate \ud800 here' },
    // FerretDB 1.x refuses arrays directly inside arrays ("nested arrays are not supported"); arrays
    // inside documents inside arrays (t03) are what it stores.
    { _id: 'r07', kind: 'refused?', arrays: [[], [[]], [1, [2, [3, []]]]] },
  );
  return docs;
}

function nest(depth: number): Document {
  return depth === 0 ? { leaf: 'bottom', list: [] } : { level: depth, child: nest(depth - 1) };
}

/** _ids of the types FerretDB pushes down and of those it does not. */
function idDocuments(): Array<Document & { _id: unknown }> {
  return [
    { _id: new ObjectId('65a1b2c3d4e5f60718293a4b'), v: 1 },
    { _id: new ObjectId('65a1b2c3d4e5f60718293a4c'), v: 2 },
    { _id: new Int32(7), v: 3 },
    { _id: Long.fromString('8000000000'), v: 4 },
    { _id: new Double(7.5), v: 5 },
    { _id: 'seven', v: 6 },
    { _id: new Date(86_400_000), v: 7 },
    { _id: true, v: 8 },
    { _id: { compound: 'key', n: 1 }, v: 9 },
  ];
}

/** Records shaped as the audit trail writes them (shared/src/audit/records.ts). */
function auditRecords(): Document[] {
  const records: Document[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= 120; seq++) {
    const hash = `${seq}`.padStart(64, 'e');
    const requestId = `r-${Math.ceil(seq / 4)}`;
    const common = {
      requestId,
      partnerId: seq % 7 === 0 ? null : 'capac',
      purpose: 'UNEMPLOYMENT_BENEFIT',
      authorizationIds: ['ISC/24/017'],
      partnerDay: `capac|2026-11-${String(26 + (seq % 2)).padStart(2, '0')}`,
      chain: seq % 5 === 0 ? 'persons:2' : 'gateway:1',
      seq,
      prev,
      hash,
      at: new Date(Date.UTC(2026, 10, 27, 10, 0, seq)).toISOString(),
    };
    prev = hash;
    records.push(
      seq % 4 === 1
        ? {
            _id: `gateway:1:${seq}`,
            kind: 'request',
            ...common,
            endUser: seq % 3 ? 'agent-0042' : null,
            operationName: 'Person',
            documentHash: 'd'.repeat(64),
            outcome: seq % 9 === 0 ? 'refused' : 'answered',
            code: seq % 9 === 0 ? 'FORBIDDEN' : null,
            durationMs: seq * 1.25,
          }
        : {
            _id: `gateway:1:${seq}`,
            kind: 'release',
            ...common,
            source: ['persons', 'employment', 'unemployment'][seq % 3],
            ssins: seq % 6 === 0 ? ['85073003328', '90451702125'] : seq % 6 === 1 ? [] : ['85073003328'],
            fields: ['Query.person', 'Person.name', 'PersonName.lastName'],
            ...(seq % 10 === 0 ? { call: 2 } : {}),
          },
    );
  }
  return records;
}

function checkpoints(): Document[] {
  return Array.from({ length: 6 }, (_, i) => ({
    _id: `cp:gateway:1:${i + 1}`,
    chain: i < 4 ? 'gateway:1' : 'persons:2',
    seq: (i + 1) * 20,
    hash: 'c'.repeat(64),
    at: new Date(Date.UTC(2026, 10, 27, 11, i)).toISOString(),
    keyId: 'dev-1',
    signature: 'AAECAwQFBgcICQ==',
  }));
}
