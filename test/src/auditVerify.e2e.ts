import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
// Not exported from @crossroads/shared (yet): the audit tooling is reached by path.
import { auditKeyPairToEnv, generateAuditKeyPair } from '../../shared/src/audit/checkpoints/auditKeys.js';
import { createCheckpointer } from '../../shared/src/audit/checkpoints/createCheckpointer.js';
import { createCheckpointSigner } from '../../shared/src/audit/checkpoints/createCheckpointSigner.js';
import { createAuditTrail, type StoredDocument } from '../../shared/src/audit/auditTrail.js';
import { sha256Hex } from '../../shared/src/audit/hashRecord.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../../shared/src/audit/records.js';
import { archiveExpired } from '../../shared/src/audit/verify/archiveExpired.js';
import { utcDay } from '../../shared/src/audit/verify/retention.js';
import { verifyAuditLog } from '../../shared/src/audit/verify/verifyAuditLog.js';
import { buildChain, DEFAULT_DOCUMENT, rehash } from '../../shared/src/audit/verify/__fixtures__/auditChains.js';
import { Killed, killedAfter } from '../../shared/src/audit/verify/__fixtures__/killedAfter.js';

const { mongoUri } = inject('stack');
const DATABASE = 'crossroads_audit_verify_test';
const NOW = new Date('2026-11-15T00:00:00Z');
const RETENTION_DAYS = 3650; // cutoff 2016-11-17; documents last used before 2016-11-16 are past retention

const keys = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: keys.privateJwk });

/**
 * Three chains, written batch by batch through the real checkpointer (every ten records, and on close):
 * - OLD: 40 records every ten days from 2016-01-01, the first 33 past retention; checkpoints at 9, 19, 29, 39 and, on close, a closing one at 39;
 * - RECENT: 25 records in November 2026; checkpoints at 9, 19 and, on close, a closing one at 24;
 * - GONE: 7 records in 2015, all past retention; one checkpoint, the closing one at 6: archival removes it whole.
 * Each request of OLD has a document of its own; GONE's share one, RECENT's another.
 */
const OLD = 'gateway:old';
const RECENT = 'persons:recent';
const GONE = 'employment:gone';
const documentOf = {
  [OLD]: (seq: number) => `query Old${seq} { person { name { lastName } } }`,
  [RECENT]: () => DEFAULT_DOCUMENT,
  [GONE]: () => 'query Gone { person { name { firstNames } } }',
};
const chainsWritten = {
  [OLD]: buildChain(OLD, 40, { startAt: new Date('2016-01-01T10:00:00Z'), stepMs: 10 * 86_400_000, document: documentOf[OLD] }),
  [RECENT]: buildChain(RECENT, 25, { startAt: new Date('2026-11-02T09:00:00Z'), document: documentOf[RECENT] }),
  [GONE]: buildChain(GONE, 7, { startAt: new Date('2015-03-01T10:00:00Z'), stepMs: 3_600_000, document: documentOf[GONE] }),
};
/** Stored before documents had a last use: kept, whatever its age. */
const UNDATED = { _id: sha256Hex('query Undated { __typename }'), document: 'query Undated { __typename }' };
/** Last used long ago by records archived since. */
const ORPHAN = { _id: sha256Hex('query Orphan { __typename }'), document: 'query Orphan { __typename }', lastUsedDay: '2014-05-01' };

let client: MongoClient;
let db: Db;
let records: Collection<AuditRecord>;
let checkpoints: Collection<Checkpoint>;
let documents: Collection<StoredDocument>;

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  db = client.db(DATABASE);
  records = db.collection<AuditRecord>(auditCollections.records);
  checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);
  documents = db.collection<StoredDocument>(auditCollections.documents);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

beforeEach(async () => {
  await records.deleteMany({});
  await checkpoints.deleteMany({});
  await documents.deleteMany({});
  // Each document as the writers left it: last used on the day of the newest request naming it.
  const stored = new Map<string, StoredDocument>([UNDATED, ORPHAN].map((d) => [d._id, d]));
  for (const [chain, written] of Object.entries(chainsWritten)) {
    for (const r of written) {
      if (r.kind !== 'request') continue;
      const day = utcDay(new Date(r.at));
      const known = stored.get(r.documentHash!);
      if (!known || known.lastUsedDay! < day)
        stored.set(r.documentHash!, {
          _id: r.documentHash!,
          document: documentOf[chain as keyof typeof documentOf](r.seq),
          lastUsedDay: day,
        });
    }
  }
  await documents.insertMany([...stored.values()]);
  for (const [chain, written] of Object.entries(chainsWritten)) {
    // The checkpointer's clock follows the records, as if they were being written now.
    let clock = Date.parse(written[0]!.at);
    const checkpointer = createCheckpointer({ collection: checkpoints, signer, chain, everyRecords: 10, everyMs: 1e12, now: () => clock });
    for (let i = 0; i < written.length; i += 5) {
      const batch = written.slice(i, i + 5);
      await records.insertMany(batch);
      clock = Date.parse(batch.at(-1)!.at) + 1000;
      await checkpointer.committed({ seq: batch.at(-1)!.seq, hash: batch.at(-1)!.hash });
    }
    await checkpointer.close();
  }
});

const verify = () => verifyAuditLog({ db, publicKeys: [keys.publicJwk], retentionDays: RETENTION_DAYS, now: NOW });
const recordAt = (chain: keyof typeof chainsWritten, seq: number): AuditRecord => chainsWritten[chain].find((r) => r.seq === seq)!;
const oldDocument = (seq: number): string => sha256Hex(documentOf[OLD](seq));
const storedDocumentIds = async (): Promise<string[]> =>
  (await documents.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort();

/** The report has exactly one problem, this one. */
async function expectOnlyProblem(problem: { chain: string; seq: number; recordId: string | null; kind: string }) {
  const report = await verify();
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual([{ ...problem, detail: expect.any(String) }]);
}

describe('verifying the audit trail in the database', () => {
  it('passes on the chains as written, with their checkpoints', async () => {
    expect(await checkpoints.find({}, { projection: { _id: 1 } }).toArray()).toEqual(
      // The last of each chain is the closing checkpoint its writer signed when it closed.
      expect.arrayContaining(
        ['gateway:old:9', 'gateway:old:39:closing', 'persons:recent:24:closing', 'employment:gone:6:closing'].map((_id) => ({ _id })),
      ),
    );
    const report = await verify();
    const closed = { archivedThrough: null, witnessed: 0, end: 'closed', continuedIn: null, unsigned: 0, problems: [] };
    expect(report).toMatchObject({
      ok: true,
      problems: [],
      unsigned: 0,
      witness: null,
      chains: [
        { chain: GONE, records: 7, firstSeq: 0, lastSeq: 6, checkpoints: 1, ...closed },
        // 9, 19, 29, 39, and the closing one at 39.
        { chain: OLD, records: 40, firstSeq: 0, lastSeq: 39, checkpoints: 5, ...closed },
        { chain: RECENT, records: 25, firstSeq: 0, lastSeq: 24, checkpoints: 3, ...closed },
      ],
    });
    // Records and releases of these chains alternate, each release after its request: written before receipts, matched by request id.
    expect(report.crossCheck).toMatchObject({ requests: 0, receipts: 0, unmatched: [] });
  });

  it('a field changed in a stored record: modified, at that record', async () => {
    await records.updateOne({ _id: recordAt(RECENT, 12)._id }, { $set: { purpose: 'FAMILY_BENEFIT' } });
    await expectOnlyProblem({ chain: RECENT, seq: 12, recordId: recordAt(RECENT, 12)._id, kind: 'modified' });
  });

  it('a record removed from the middle: deleted, at its seq, naming the record after the hole', async () => {
    await records.deleteOne({ _id: recordAt(RECENT, 13)._id });
    await expectOnlyProblem({ chain: RECENT, seq: 13, recordId: recordAt(RECENT, 14)._id, kind: 'deleted' });
  });

  it('a forged record with a valid hash and link: inserted', async () => {
    const forged = rehash({ ...recordAt(RECENT, 12), _id: 'request:forged', requestId: 'forged', partnerId: 'sfpd' });
    await records.insertOne(forged);
    await expectOnlyProblem({ chain: RECENT, seq: 12, recordId: 'request:forged', kind: 'inserted' });
  });

  it('two records whose seqs were swapped: reordered, at the first of them', async () => {
    await records.updateOne({ _id: recordAt(RECENT, 12)._id }, { $set: { seq: 13 } });
    await records.updateOne({ _id: recordAt(RECENT, 13)._id }, { $set: { seq: 12 } });
    await expectOnlyProblem({ chain: RECENT, seq: 12, recordId: recordAt(RECENT, 13)._id, kind: 'reordered' });
  });

  it('the last records removed, before the newest checkpoint: truncated', async () => {
    await records.deleteMany({ chain: RECENT, seq: { $gte: 22 } });
    await expectOnlyProblem({ chain: RECENT, seq: 22, recordId: null, kind: 'truncated' });
  });

  it('a checkpoint whose signature was tampered with: checkpoint-signature', async () => {
    const other = await checkpoints.findOne({ _id: `${RECENT}:9` });
    await checkpoints.updateOne({ _id: `${RECENT}:19` }, { $set: { signature: other!.signature } });
    await expectOnlyProblem({ chain: RECENT, seq: 19, recordId: recordAt(RECENT, 19)._id, kind: 'checkpoint-signature' });
  });

  it('records rewritten with recomputed hashes and links: checkpoint-mismatch at the next checkpoint', async () => {
    let prev = recordAt(RECENT, 11).hash;
    for (const original of chainsWritten[RECENT].slice(12)) {
      const rewritten = rehash({ ...original, purpose: 'FAMILY_BENEFIT', prev });
      await records.replaceOne({ _id: original._id }, rewritten);
      prev = rewritten.hash;
    }
    await expectOnlyProblem({ chain: RECENT, seq: 19, recordId: recordAt(RECENT, 19)._id, kind: 'checkpoint-mismatch' });
  });

  it('a checkpoint written again (a retried insert) changes nothing', async () => {
    const checkpointer = createCheckpointer({ collection: checkpoints, signer, chain: RECENT, everyRecords: 1 });
    await checkpointer.committed({ seq: 24, hash: recordAt(RECENT, 24).hash });
    await checkpointer.close();
    expect((await verify()).ok).toBe(true);
  });
});

describe('archiving what is past retention', () => {
  it('cuts each chain just after a checkpoint, or removes it whole, and what remains verifies', async () => {
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk] });
    expect(report).toEqual({
      cutoff: '2016-11-17T00:00:00.000Z',
      removedRecords: 37,
      removedCheckpoints: 3,
      documentCutoffDay: '2016-11-16',
      // OLD's requests 0, 2, …, 28 and GONE's, cut; ORPHAN, named by nothing. OLD's 30 is past retention but stays with its record.
      removedDocuments: 17,
      documentsKept: 1,
      chains: [
        // Every record past retention: removed whole, its checkpoint with it.
        { chain: GONE, cutSeq: 6, removedRecords: 7, removedCheckpoints: 1, expiredKept: 0, removedWhole: true },
        // Records 0–32 are past retention; the newest checkpoint before 33 is at 29.
        { chain: OLD, cutSeq: 29, removedRecords: 30, removedCheckpoints: 2, expiredKept: 3 },
        { chain: RECENT, cutSeq: null, removedRecords: 0, removedCheckpoints: 0, expiredKept: 0 },
      ],
    });
    // 29, the cut's, and 39 with its closing twin.
    expect(await checkpoints.countDocuments({ chain: OLD })).toBe(3);

    const verified = await verify();
    expect(verified.problems).toEqual([]);
    expect(verified.chains.map((c) => [c.chain, c.records, c.firstSeq, c.archivedThrough])).toEqual([
      [OLD, 10, 30, 29],
      [RECENT, 25, 0, null],
    ]);
    // Done again, it finds nothing more to cut.
    const again = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW });
    expect([again.removedRecords, again.removedDocuments]).toEqual([0, 0]);
  });

  it('removes the documents no remaining record names, and keeps those that records left uncut still name', async () => {
    const before = await storedDocumentIds();
    await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk] });
    const removed = [
      ...[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28].map(oldDocument),
      sha256Hex(documentOf[GONE]()),
      ORPHAN._id,
    ];
    expect(await storedDocumentIds()).toEqual(before.filter((id) => !removed.includes(id)));
    // Every remaining record's document is still there.
    for (const r of await records.find({ kind: 'request' }).toArray()) {
      expect(await documents.countDocuments({ _id: (r as { documentHash: string }).documentHash }), r._id).toBe(1);
    }
    // Among them: OLD's 30, past retention, kept with its record; 32, made the day before the cutoff, within the day of margin.
    expect(await storedDocumentIds()).toEqual(expect.arrayContaining([oldDocument(30), oldDocument(32), UNDATED._id]));
  });

  it('a dry run removes nothing', async () => {
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, dryRun: true });
    expect([report.removedRecords, report.removedDocuments, report.documentsKept]).toEqual([37, 17, 1]);
    expect(await records.countDocuments({})).toBe(72);
    expect(await documents.countDocuments({})).toBe(24);
  });

  it('leaves expired records alone when no checkpoint follows them', async () => {
    await checkpoints.deleteMany({ chain: OLD });
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk] });
    expect(report.chains.find((c) => c.chain === OLD)).toEqual({
      chain: OLD,
      cutSeq: null,
      removedRecords: 0,
      removedCheckpoints: 0,
      expiredKept: 33,
      note: expect.stringContaining('nothing can be cut verifiably'),
    });
    expect(await records.countDocuments({ chain: OLD })).toBe(40);
    // Its records stay, so do their documents: the sixteen of its requests made before 2016-11-16.
    expect([report.removedDocuments, report.documentsKept]).toEqual([2, 16]);
    expect(await documents.countDocuments({ _id: oldDocument(0) })).toBe(1);
  });

  it('a cut made by hand, not at a checkpoint, is a deletion', async () => {
    await records.deleteMany({ chain: OLD, seq: { $lte: 14 } });
    await expectOnlyProblem({ chain: OLD, seq: 10, recordId: recordAt(OLD, 15)._id, kind: 'deleted' });
  });

  it('a cut at a checkpoint within retention is a deletion', async () => {
    await records.deleteMany({ chain: RECENT, seq: { $lte: 9 } });
    await checkpoints.deleteMany({ chain: RECENT, seq: { $lt: 9 } });
    await expectOnlyProblem({ chain: RECENT, seq: 0, recordId: recordAt(RECENT, 10)._id, kind: 'deleted' });
  });
});

/**
 * Chains whose writer was killed (SIGKILL, a crash): written batch by batch through the real checkpointer,
 * never closed, so nothing signs what followed its last checkpoint.
 * - KILLED: 25 records in 2015; checkpoints at 9 and 19, 20–24 unsigned; its requests name a document of their own;
 * - NEVER: 7 records in 2015; killed before its first checkpoint;
 * - PARTLY: 24 records every ten days from 2016-08-01, 0–10 past retention; checkpoints at 9 and 19, 20–23 unsigned.
 */
const KILLED = 'unemployment:killed';
const NEVER = 'unemployment:never';
const PARTLY = 'employment:partly';
const KILLED_DOCUMENT = 'query Killed { person { name { firstNames } } }';
const killedWritten = {
  [KILLED]: buildChain(KILLED, 25, { startAt: new Date('2015-03-01T10:00:00Z'), stepMs: 3_600_000, document: () => KILLED_DOCUMENT }),
  [NEVER]: buildChain(NEVER, 7, { startAt: new Date('2015-06-01T10:00:00Z') }),
  [PARTLY]: buildChain(PARTLY, 24, { startAt: new Date('2016-08-01T10:00:00Z'), stepMs: 10 * 86_400_000 }),
};

async function writeKilled(...chains: (keyof typeof killedWritten)[]): Promise<void> {
  for (const chain of chains) {
    const written = killedWritten[chain];
    let clock = Date.parse(written[0]!.at);
    const checkpointer = createCheckpointer({ collection: checkpoints, signer, chain, everyRecords: 10, everyMs: 1e12, now: () => clock });
    for (let i = 0; i < written.length; i += 5) {
      const batch = written.slice(i, i + 5);
      await records.insertMany(batch);
      clock = Date.parse(batch.at(-1)!.at) + 1000;
      await checkpointer.committed({ seq: batch.at(-1)!.seq, hash: batch.at(-1)!.hash });
    }
    // Killed: no close, so no checkpoint of the last head.
  }
  if (chains.includes(KILLED))
    await documents.insertMany([{ _id: sha256Hex(KILLED_DOCUMENT), document: KILLED_DOCUMENT, lastUsedDay: '2015-03-02' }]);
}

const checkpointIds = async (chain: string) =>
  (await checkpoints.find({ chain }, { projection: { _id: 1 } }).toArray()).map((c) => c._id).sort((a, b) => a.localeCompare(b));
const seqsOf = async (chain: string) =>
  (await records.find({ chain }, { projection: { seq: 1 } }).toArray()).map((r) => r.seq).sort((a, b) => a - b);
const archive = (on: Db = db) => archiveExpired({ db: on, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk] });

describe('archiving the chains of killed writers', () => {
  it('removes whole a chain all past retention, unsigned tail or no checkpoint at all, and cuts one partly within it', async () => {
    await writeKilled(KILLED, NEVER, PARTLY);
    expect(await checkpointIds(KILLED)).toEqual([`${KILLED}:19`, `${KILLED}:9`]);
    expect(await checkpointIds(NEVER)).toEqual([]);
    expect(await checkpointIds(PARTLY)).toEqual([`${PARTLY}:19`, `${PARTLY}:9`]);
    expect((await verify()).problems).toEqual([]);

    const report = await archive();
    const died = report.chains.filter((c) => [KILLED, NEVER, PARTLY].includes(c.chain));
    expect(died).toEqual([
      // Records 0–10 are past retention, the newest checkpoint before 11 is at 9: only 0–9 go; 20–23 stay unsigned.
      { chain: PARTLY, cutSeq: 9, removedRecords: 10, removedCheckpoints: 0, expiredKept: 1 },
      { chain: KILLED, cutSeq: 24, removedRecords: 25, removedCheckpoints: 2, expiredKept: 0, removedWhole: true },
      { chain: NEVER, cutSeq: 6, removedRecords: 7, removedCheckpoints: 0, expiredKept: 0, removedWhole: true },
    ]);
    expect(await records.countDocuments({ chain: { $in: [KILLED, NEVER] } })).toBe(0);
    expect(await checkpoints.countDocuments({ chain: { $in: [KILLED, NEVER] } })).toBe(0);
    expect(await seqsOf(PARTLY)).toEqual(Array.from({ length: 14 }, (_, i) => 10 + i));
    expect(await checkpointIds(PARTLY)).toEqual([`${PARTLY}:19`, `${PARTLY}:9`]);
    // No record names KILLED's document any more.
    expect(await documents.countDocuments({ _id: sha256Hex(KILLED_DOCUMENT) })).toBe(0);

    const verified = await verify();
    expect(verified.problems).toEqual([]);
    expect(verified.chains.map((c) => [c.chain, c.records, c.firstSeq, c.archivedThrough])).toEqual([
      [PARTLY, 14, 10, 9],
      [OLD, 10, 30, 29],
      [RECENT, 25, 0, null],
    ]);
  });

  it('a dry run counts the chains it would remove whole', async () => {
    await writeKilled(KILLED, NEVER);
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk], dryRun: true });
    expect(report.chains.filter((c) => c.removedWhole).map((c) => [c.chain, c.removedRecords, c.removedCheckpoints])).toEqual([
      [GONE, 7, 1],
      [KILLED, 25, 2],
      [NEVER, 7, 0],
    ]);
    expect(await records.countDocuments({ chain: { $in: [GONE, KILLED, NEVER] } })).toBe(39);
  });

  it('killed half-way through removing chains whole, it leaves a trail that verifies, and the next run finishes', async () => {
    await archive(); // the other chains first, so that the deletions counted below are those of KILLED and NEVER
    const finished = await verify();
    // KILLED's deletions: records up to 9, up to 19, then 24, 23, 22, 21, 20 one by one, then its checkpoints; NEVER's: 6, 5, …, 0.
    const stops = [
      { allowed: 1, left: { [KILLED]: [10, 24], [NEVER]: [0, 6] }, checkpointsLeft: 2 },
      { allowed: 4, left: { [KILLED]: [20, 22], [NEVER]: [0, 6] }, checkpointsLeft: 2 },
      { allowed: 7, left: { [KILLED]: null, [NEVER]: [0, 6] }, checkpointsLeft: 2 },
      { allowed: 11, left: { [KILLED]: null, [NEVER]: [0, 3] }, checkpointsLeft: 0 },
    ];
    for (const { allowed, left, checkpointsLeft } of stops) {
      await records.deleteMany({ chain: { $in: [KILLED, NEVER] } });
      await checkpoints.deleteMany({ chain: { $in: [KILLED, NEVER] } });
      await documents.deleteMany({ _id: sha256Hex(KILLED_DOCUMENT) });
      await writeKilled(KILLED, NEVER);

      await expect(archive(killedAfter(db, allowed).db), `killed after ${allowed} deletions`).rejects.toThrow(Killed);
      for (const [chain, range] of Object.entries(left)) {
        const expected = range ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : [];
        expect(await seqsOf(chain), `${chain}, killed after ${allowed} deletions`).toEqual(expected);
      }
      expect(await checkpoints.countDocuments({ chain: KILLED })).toBe(checkpointsLeft);
      expect((await verify()).problems, `killed after ${allowed} deletions`).toEqual([]);

      const again = await archive();
      expect(again.chains.filter((c) => c.removedWhole).map((c) => c.chain)).toEqual(checkpointsLeft > 0 ? [KILLED, NEVER] : [NEVER]);
      expect(await records.countDocuments({ chain: { $in: [KILLED, NEVER] } })).toBe(0);
      expect(await checkpoints.countDocuments({ chain: { $in: [KILLED, NEVER] } })).toBe(0);
      expect(await documents.countDocuments({ _id: sha256Hex(KILLED_DOCUMENT) })).toBe(0);
      expect(await verify()).toEqual(finished);
    }
  });

  it('leaves alone a chain past retention from which a record was deleted, for verify to report', async () => {
    await writeKilled(KILLED);
    await records.deleteOne({ _id: killedWritten[KILLED][12]!._id });
    const report = await archive();
    expect(report.chains.find((c) => c.chain === KILLED)).toEqual({
      chain: KILLED,
      cutSeq: null,
      removedRecords: 0,
      removedCheckpoints: 0,
      expiredKept: 24,
      note: 'the chain does not verify (deleted at seq 12): run verify; nothing was removed',
    });
    expect(await records.countDocuments({ chain: KILLED })).toBe(24);
    expect(await documents.countDocuments({ _id: sha256Hex(KILLED_DOCUMENT) })).toBe(1);
    await expectOnlyProblem({ chain: KILLED, seq: 12, recordId: killedWritten[KILLED][13]!._id, kind: 'deleted' });
  });
});

describe('the GraphQL documents’ last use', () => {
  it('is written at most once a day per process and hash, and never moves back', async () => {
    const monitored = await new MongoClient(mongoUri, { monitorCommands: true }).connect();
    const writes: unknown[] = [];
    monitored.on('commandStarted', (e) => {
      if (e.commandName === 'update' && e.command.update === auditCollections.documents) writes.push(e.command.updates);
    });
    const query = 'query Used { __typename }';
    const hash = sha256Hex(query);
    try {
      let clock = new Date('2026-11-14T23:59:59.500Z');
      const trail = createAuditTrail({ client: monitored, service: 'documents-test', database: DATABASE, now: () => clock });
      await trail.rememberDocument(hash, query);
      await trail.rememberDocument(hash, query);
      expect(writes).toHaveLength(1);
      expect(await documents.findOne({ _id: hash })).toEqual({ _id: hash, document: query, lastUsedDay: '2026-11-14' });

      clock = new Date('2026-11-15T00:00:00.500Z');
      await trail.rememberDocument(hash, query);
      expect(writes).toHaveLength(2);
      expect(await documents.findOne({ _id: hash })).toEqual({ _id: hash, document: query, lastUsedDay: '2026-11-15' });

      // Another process, whose clock is a day behind: its write leaves the later day.
      const behind = createAuditTrail({
        client: monitored,
        service: 'documents-test',
        database: DATABASE,
        now: () => new Date('2026-11-14T12:00:00Z'),
      });
      await behind.rememberDocument(hash, query);
      expect(writes).toHaveLength(3);
      expect(await documents.findOne({ _id: hash })).toEqual({ _id: hash, document: query, lastUsedDay: '2026-11-15' });
    } finally {
      await monitored.close();
    }
  });
});

describe('npm run audit', () => {
  const cli = fileURLToPath(new URL('../../shared/src/audit/cli/audit.ts', import.meta.url));
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

  async function runCli(...args: string[]) {
    const env = { ...process.env, MONGODB_URI: mongoUri, ...auditKeyPairToEnv(keys), AUDIT_RETENTION_DAYS: '', AUDIT_WITNESS_FILE: '' };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args, '--database', DATABASE], {
        cwd: repoRoot,
        env,
      });
      return { status: 0, stdout };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { status: code, stdout: stdout + stderr };
    }
  }

  it('verify prints a line per chain and exits 0 when all verify', async () => {
    const { status, stdout } = await runCli('verify');
    expect(stdout).toContain(`ok    ${OLD}  seq 0–39 (40 records, 5 checkpoints)  closed\n`);
    expect(stdout).toContain('\n3 chains, 72 records, 0 not yet covered by a checkpoint: all verify.\n');
    expect(status).toBe(0);
  });

  it('verify names the first problem and its record, and exits 1', async () => {
    await records.deleteOne({ _id: recordAt(RECENT, 13)._id });
    const { status, stdout } = await runCli('verify');
    expect(stdout).toContain(`FAIL  ${RECENT}  seq 0–24 (24 records, 3 checkpoints)  closed\n`);
    expect(stdout).toContain(`      deleted at seq 13, record ${recordAt(RECENT, 14)._id}: `);
    expect(stdout).toContain('1 problem(s) in 1 chain(s).');
    expect(status).toBe(1);
  });

  it('archive refuses to remove anything from a trail that does not verify', async () => {
    await records.deleteOne({ _id: recordAt(OLD, 3)._id });
    const { status, stdout } = await runCli('archive', '--retention-days', '3650');
    expect(stdout).toContain('nothing was archived');
    expect(status).toBe(1);
    expect(await records.countDocuments({ chain: OLD })).toBe(39);
  });
});
