import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
// Not exported from @crossroads/shared (yet): the audit tooling is reached by path.
import { auditKeyPairToEnv, generateAuditKeyPair } from '../../shared/src/audit/checkpoints/auditKeys.js';
import { createCheckpointer } from '../../shared/src/audit/checkpoints/createCheckpointer.js';
import { createCheckpointSigner } from '../../shared/src/audit/checkpoints/createCheckpointSigner.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../../shared/src/audit/records.js';
import { archiveExpired } from '../../shared/src/audit/verify/archiveExpired.js';
import { verifyAuditLog } from '../../shared/src/audit/verify/verifyAuditLog.js';
import { buildChain, rehash } from '../../shared/src/audit/verify/__fixtures__/auditChains.js';

const { mongoUri } = inject('stack');
const DATABASE = 'crossroads_audit_verify_test';
const NOW = new Date('2026-11-15T00:00:00Z');
const RETENTION_DAYS = 3650; // cutoff 2016-11-17

const keys = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: keys.privateJwk });

/**
 * Three chains, written batch by batch through the real checkpointer (every ten records, and on close):
 * - OLD: 40 records every ten days from 2016-01-01, the first 33 past retention; checkpoints at 9, 19, 29, 39;
 * - RECENT: 25 records in November 2026; checkpoints at 9, 19 and, on close, 24;
 * - GONE: 7 records in 2015, all past retention; one checkpoint, on close, at 6.
 */
const OLD = 'gateway:old';
const RECENT = 'persons:recent';
const GONE = 'employment:gone';
const chainsWritten = {
  [OLD]: buildChain(OLD, 40, { startAt: new Date('2016-01-01T10:00:00Z'), stepMs: 10 * 86_400_000 }),
  [RECENT]: buildChain(RECENT, 25, { startAt: new Date('2026-11-02T09:00:00Z') }),
  [GONE]: buildChain(GONE, 7, { startAt: new Date('2015-03-01T10:00:00Z'), stepMs: 3_600_000 }),
};

let client: MongoClient;
let db: Db;
let records: Collection<AuditRecord>;
let checkpoints: Collection<Checkpoint>;

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  db = client.db(DATABASE);
  records = db.collection<AuditRecord>(auditCollections.records);
  checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

beforeEach(async () => {
  await records.deleteMany({});
  await checkpoints.deleteMany({});
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

/** The report has exactly one problem, this one. */
async function expectOnlyProblem(problem: { chain: string; seq: number; recordId: string | null; kind: string }) {
  const report = await verify();
  expect(report.ok).toBe(false);
  expect(report.problems).toEqual([{ ...problem, detail: expect.any(String) }]);
}

describe('verifying the audit trail in the database', () => {
  it('passes on the chains as written, with their checkpoints', async () => {
    expect(await checkpoints.find({}, { projection: { _id: 1 } }).toArray()).toEqual(
      expect.arrayContaining(['gateway:old:9', 'gateway:old:39', 'persons:recent:24', 'employment:gone:6'].map((_id) => ({ _id }))),
    );
    const report = await verify();
    expect(report).toEqual({
      ok: true,
      problems: [],
      chains: [
        { chain: GONE, records: 7, firstSeq: 0, lastSeq: 6, checkpoints: 1, archivedThrough: null, problems: [] },
        { chain: OLD, records: 40, firstSeq: 0, lastSeq: 39, checkpoints: 4, archivedThrough: null, problems: [] },
        { chain: RECENT, records: 25, firstSeq: 0, lastSeq: 24, checkpoints: 3, archivedThrough: null, problems: [] },
      ],
    });
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
  it('cuts each chain just after a checkpoint, and what remains verifies', async () => {
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk] });
    expect(report).toEqual({
      cutoff: '2016-11-17T00:00:00.000Z',
      removedRecords: 37,
      removedCheckpoints: 2,
      chains: [
        // Whole: its only checkpoint, at its last record, stays.
        { chain: GONE, cutSeq: 6, removedRecords: 7, removedCheckpoints: 0, expiredKept: 0 },
        // Records 0–32 are past retention; the newest checkpoint before 33 is at 29.
        { chain: OLD, cutSeq: 29, removedRecords: 30, removedCheckpoints: 2, expiredKept: 3 },
        { chain: RECENT, cutSeq: null, removedRecords: 0, removedCheckpoints: 0, expiredKept: 0 },
      ],
    });
    expect(await checkpoints.countDocuments({ chain: OLD })).toBe(2);

    const verified = await verify();
    expect(verified.problems).toEqual([]);
    expect(verified.chains.map((c) => [c.chain, c.records, c.firstSeq, c.archivedThrough])).toEqual([
      [GONE, 0, null, 6],
      [OLD, 10, 30, 29],
      [RECENT, 25, 0, null],
    ]);
    // Done again, it finds nothing more to cut.
    expect((await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW })).removedRecords).toBe(0);
  });

  it('a dry run removes nothing', async () => {
    const report = await archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, dryRun: true });
    expect(report.removedRecords).toBe(37);
    expect(await records.countDocuments({})).toBe(72);
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

describe('npm run audit', () => {
  const cli = fileURLToPath(new URL('../../shared/src/audit/cli/audit.ts', import.meta.url));
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

  async function runCli(...args: string[]) {
    const env = { ...process.env, MONGODB_URI: mongoUri, ...auditKeyPairToEnv(keys), AUDIT_RETENTION_DAYS: '' };
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
    expect(stdout).toContain(`ok    ${OLD}  seq 0–39 (40 records, 4 checkpoints)\n`);
    expect(stdout).toContain('\n3 chains, 72 records: all verify.\n');
    expect(status).toBe(0);
  });

  it('verify names the first problem and its record, and exits 1', async () => {
    await records.deleteOne({ _id: recordAt(RECENT, 13)._id });
    const { status, stdout } = await runCli('verify');
    expect(stdout).toContain(`FAIL  ${RECENT}  seq 0–24 (24 records, 3 checkpoints)\n`);
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
