import { beforeEach, describe, expect, it } from 'vitest';
import { generateAuditKeyPair } from '../checkpoints/auditKeys.js';
import { createCheckpointSigner } from '../checkpoints/createCheckpointSigner.js';
import { sha256Hex } from '../hashRecord.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../records.js';
import type { StoredDocument } from '../auditTrail.js';
import { buildChain, checkpointsAt, rehash } from './__fixtures__/auditChains.js';
import { Killed, killedAfter } from './__fixtures__/killedAfter.js';
import { MemoryDb } from './__fixtures__/memoryDb.js';
import { archiveExpired } from './archiveExpired.js';
import { retentionCutoff, utcDay } from './retention.js';
import { verifyAuditLog } from './verifyAuditLog.js';
import { planWholeChainRemoval } from './wholeChain.js';

const keys = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: keys.privateJwk });
const NOW = new Date('2026-11-15T00:00:00Z');
const RETENTION_DAYS = 3650;
const CUTOFF = retentionCutoff(NOW, RETENTION_DAYS); // 2016-11-17T00:00:00Z
const DAY = 86_400_000;

/**
 * - KILLED: 25 records in 2015, checkpoints at 9 and 19; its writer was killed before signing 20–24;
 * - NEVER: 7 records in 2015; its writer was killed before its first checkpoint;
 * - PARTLY: 30 records every ten days from 2016-08-01, 0–10 past retention; checkpoints at 9 and 19; 20–29 unsigned;
 * - RECENT: 10 records in November 2026, checkpointed at 9.
 * Each chain's requests name a document of their own.
 */
const KILLED = 'gateway:killed';
const NEVER = 'persons:never';
const PARTLY = 'employment:partly';
const RECENT = 'unemployment:recent';
const documentOf = (chain: string) => `query ${chain.split(':')[1]} { person { name { lastName } } }`;
const written: Record<string, AuditRecord[]> = {
  [KILLED]: buildChain(KILLED, 25, { startAt: new Date('2015-03-01T10:00:00Z'), stepMs: 3_600_000, document: () => documentOf(KILLED) }),
  [NEVER]: buildChain(NEVER, 7, { startAt: new Date('2015-06-01T10:00:00Z'), document: () => documentOf(NEVER) }),
  [PARTLY]: buildChain(PARTLY, 30, { startAt: new Date('2016-08-01T10:00:00Z'), stepMs: 10 * DAY, document: () => documentOf(PARTLY) }),
  [RECENT]: buildChain(RECENT, 10, { startAt: new Date('2026-11-02T09:00:00Z'), document: () => documentOf(RECENT) }),
};
const signedAt: Record<string, number[]> = { [KILLED]: [9, 19], [NEVER]: [], [PARTLY]: [9, 19], [RECENT]: [9] };

let memory: MemoryDb;
const collections = (db: MemoryDb) => ({
  records: db.collection<AuditRecord>(auditCollections.records),
  checkpoints: db.collection<Checkpoint>(auditCollections.checkpoints),
  documents: db.collection<StoredDocument>(auditCollections.documents),
});

async function store(db: MemoryDb, records: AuditRecord[], checkpoints: Checkpoint[] = []): Promise<void> {
  const { records: r, checkpoints: c, documents } = collections(db);
  await r.insertMany(records);
  if (checkpoints.length > 0) await c.insertMany(checkpoints);
  // Each document last used on the day of the newest request naming it.
  for (const record of records) {
    if (record.kind !== 'request' || !record.documentHash) continue;
    const day = utcDay(new Date(record.at));
    const known = await documents.findOne({ _id: record.documentHash });
    if (!known) await documents.insertMany([{ _id: record.documentHash, document: documentOf(record.chain), lastUsedDay: day }]);
    else if (known.lastUsedDay! < day) await documents.updateOne({ _id: record.documentHash }, { $set: { lastUsedDay: day } });
  }
}

beforeEach(async () => {
  memory = new MemoryDb();
  for (const [chain, records] of Object.entries(written)) await store(memory, records, checkpointsAt(records, signer, signedAt[chain]!));
});

const archive = (db = memory.db, more: { dryRun?: boolean } = {}) =>
  archiveExpired({ db, retentionDays: RETENTION_DAYS, now: NOW, publicKeys: [keys.publicJwk], ...more });
const verify = (db = memory.db) => verifyAuditLog({ db, publicKeys: [keys.publicJwk], retentionDays: RETENTION_DAYS, now: NOW });
const at = (chain: string, seq: number): AuditRecord => written[chain]!.find((r) => r.seq === seq)!;
const chainsLeft = async (db = memory) => (await verify(db.db)).chains.map((c) => [c.chain, c.records, c.firstSeq, c.archivedThrough]);
const documentId = (chain: string) => sha256Hex(documentOf(chain));

describe('archiving chains whose writer died', () => {
  it('removes whole, records and checkpoints, a chain every record of which is past retention, signed or not', async () => {
    expect((await verify()).ok).toBe(true);
    const report = await archive();
    expect(report).toEqual({
      cutoff: '2016-11-17T00:00:00.000Z',
      removedRecords: 42,
      removedCheckpoints: 2,
      documentCutoffDay: '2016-11-16',
      removedDocuments: 2,
      documentsKept: 0,
      chains: [
        // Records 0–10 are past retention; the newest checkpoint before 11 is at 9; its unsigned tail is recent.
        { chain: PARTLY, cutSeq: 9, removedRecords: 10, removedCheckpoints: 0, expiredKept: 1 },
        // Checkpointed up to 19, then five records nothing signed: all of it goes.
        { chain: KILLED, cutSeq: 24, removedRecords: 25, removedCheckpoints: 2, expiredKept: 0, removedWhole: true },
        // Never checkpointed: all of it goes too.
        { chain: NEVER, cutSeq: 6, removedRecords: 7, removedCheckpoints: 0, expiredKept: 0, removedWhole: true },
        { chain: RECENT, cutSeq: null, removedRecords: 0, removedCheckpoints: 0, expiredKept: 0 },
      ],
    });
    const { records, checkpoints, documents } = collections(memory);
    expect(await records.countDocuments({ chain: { $in: [KILLED, NEVER] } })).toBe(0);
    expect(await checkpoints.countDocuments({ chain: KILLED })).toBe(0);
    expect(await documents.countDocuments({ _id: { $in: [documentId(KILLED), documentId(NEVER)] } })).toBe(0);

    expect((await verify()).problems).toEqual([]);
    expect(await chainsLeft()).toEqual([
      [PARTLY, 20, 10, 9],
      [RECENT, 10, 0, null],
    ]);
    // Done again, nothing more goes: PARTLY's record 10 waits for a checkpoint after it to be past retention.
    const again = await archive();
    expect([again.removedRecords, again.removedCheckpoints, again.removedDocuments]).toEqual([0, 0, 0]);
    expect(again.chains.find((c) => c.chain === PARTLY)).toMatchObject({ cutSeq: null, expiredKept: 1 });
  });

  it('a dry run counts the chains it would remove whole, and removes nothing', async () => {
    const before = memory.snapshot();
    const report = await archive(memory.db, { dryRun: true });
    expect([report.removedRecords, report.removedCheckpoints, report.removedDocuments]).toEqual([42, 2, 2]);
    expect(report.chains.filter((c) => c.removedWhole).map((c) => [c.chain, c.removedRecords, c.removedCheckpoints])).toEqual([
      [KILLED, 25, 2],
      [NEVER, 7, 0],
    ]);
    expect(memory.snapshot()).toEqual(before);
  });

  it('removes a chain whole in an order that verify accepts at every step: records by checkpoint, the tail from its end, checkpoints last', async () => {
    const plan = await planWholeChainRemoval({
      chain: KILLED,
      records: written[KILLED]!,
      checkpoints: checkpointsAt(written[KILLED]!, signer, [9, 19]),
      cutoff: CUTOFF,
    });
    expect(plan).toEqual({
      removable: true,
      lastSeq: 24,
      records: 25,
      checkpoints: 2,
      steps: [
        { kind: 'cut', seq: 9 },
        { kind: 'cut', seq: 19 },
        ...[24, 23, 22, 21, 20].map((seq) => ({ kind: 'last-record', id: at(KILLED, seq)._id, seq })),
        { kind: 'checkpoints', ids: [`${KILLED}:9`, `${KILLED}:19`] },
      ],
    });
  });

  it('killed after any of its deletions, it leaves a trail that verifies, and the next run finishes the job', async () => {
    const initial = memory.snapshot();
    const complete = killedAfter(memory.db);
    await archive(complete.db);
    const finished = memory.snapshot();
    expect(complete.deletions()).toBeGreaterThan(15);

    for (let allowed = 0; allowed < complete.deletions(); allowed++) {
      const db = MemoryDb.from(initial);
      await expect(archive(killedAfter(db.db, allowed).db), `killed after ${allowed} deletions`).rejects.toThrow(Killed);
      expect((await verify(db.db)).problems, `killed after ${allowed} deletions`).toEqual([]);
      await archive(db.db);
      expect((await verify(db.db)).problems).toEqual([]);
      expect(db.snapshot(), `killed after ${allowed} deletions, then run again`).toEqual(finished);
    }
  });

  it('finishes checkpoints left without records, as an earlier archival left a chain archived whole', async () => {
    const { records } = collections(memory);
    await records.deleteMany({ chain: KILLED });
    // A chain cut through its last record before chains went whole: its checkpoint at the cut stayed.
    const gone = buildChain('employment:gone', 7, { startAt: new Date('2015-03-01T10:00:00Z') });
    const { checkpoints } = collections(memory);
    await checkpoints.insertMany(checkpointsAt(gone, signer, [6]));
    expect((await verify()).problems).toEqual([]);

    const report = await archive();
    expect(report.chains.filter((c) => c.removedWhole)).toEqual([
      { chain: 'employment:gone', cutSeq: 6, removedRecords: 0, removedCheckpoints: 1, expiredKept: 0, removedWhole: true },
      { chain: KILLED, cutSeq: 19, removedRecords: 0, removedCheckpoints: 2, expiredKept: 0, removedWhole: true },
      { chain: NEVER, cutSeq: 6, removedRecords: 7, removedCheckpoints: 0, expiredKept: 0, removedWhole: true },
    ]);
    expect(await checkpoints.countDocuments({ chain: { $in: ['employment:gone', KILLED] } })).toBe(0);
    expect((await verify()).problems).toEqual([]);
  });
});

describe('archiving never erases evidence', () => {
  it('a record deleted from a chain past retention: the chain is left alone, and verify reports it', async () => {
    const { records } = collections(memory);
    await records.deleteOne({ _id: at(KILLED, 12)._id });
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
    // Its records stay, and so does the document they name.
    expect(report.documentsKept).toBe(1);
    expect((await verify()).problems).toEqual([expect.objectContaining({ chain: KILLED, seq: 12, kind: 'deleted' })]);
  });

  // A writer killed after its checkpoint at 9: records 10–14 were made within retention, and nothing signed them.
  describe.each([
    ['moved back in place: its hash no longer matches', false],
    ['moved back and rehashed: the next record no longer names it', true],
  ])('the times of recent unsigned records %s', (_, rehashed) => {
    it('leaves the chain alone, and verify reports it', async () => {
      const chain = 'gateway:backdated';
      const old = buildChain(chain, 10, { startAt: new Date('2015-03-01T10:00:00Z') });
      const tail = buildChain(chain, 5, { firstSeq: 10, prev: old.at(-1)!.hash, startAt: new Date('2026-11-10T10:00:00Z') });
      const backdated = tail.map((r) => ({ ...r, at: new Date(Date.parse(r.at) - 11 * 365 * DAY).toISOString() }));
      await store(memory, [...old, ...(rehashed ? backdated.map(rehash) : backdated)], checkpointsAt(old, signer, [9]));

      const report = await archive();
      expect(await collections(memory).records.countDocuments({ chain })).toBe(15);
      // Verify reports the chain, and archive says it left it alone for what verify reports.
      const { problems } = await verify();
      expect(problems).toEqual([expect.objectContaining({ chain, seq: rehashed ? 11 : 10, kind: rehashed ? 'deleted' : 'modified' })]);
      expect(report.chains.find((c) => c.chain === chain)).toMatchObject({
        cutSeq: null,
        removedRecords: 0,
        note: `the chain does not verify (${problems[0]!.kind} at seq ${problems[0]!.seq}): run verify; nothing was removed`,
      });
    });
  });

  it('a checkpoint that does not verify: the chain is left alone, and verify reports it', async () => {
    const other = createCheckpointSigner({ privateJwk: generateAuditKeyPair().privateJwk });
    await collections(memory).checkpoints.insertMany(checkpointsAt(written[NEVER]!, other, [3]));
    const report = await archive();
    expect(report.chains.find((c) => c.chain === NEVER)).toMatchObject({
      cutSeq: null,
      removedRecords: 0,
      note: expect.stringContaining(`checkpoint ${NEVER}:3 cannot be trusted`),
    });
    expect((await verify()).problems).toEqual([expect.objectContaining({ chain: NEVER, kind: 'checkpoint-signature' })]);
  });

  it('checkpoints without records, signed within retention, stay: verify reports the chain truncated', async () => {
    const { records } = collections(memory);
    await records.deleteMany({ chain: RECENT });
    const report = await archive();
    expect(report.chains.find((c) => c.chain === RECENT)).toEqual({
      chain: RECENT,
      cutSeq: null,
      removedRecords: 0,
      removedCheckpoints: 0,
      expiredKept: 0,
    });
    expect(await collections(memory).checkpoints.countDocuments({ chain: RECENT })).toBe(1);
    expect((await verify()).problems).toEqual([expect.objectContaining({ chain: RECENT, kind: 'truncated' })]);
  });

  it('a chain whose last checkpoint was signed just after the cutoff is cut as usual, and goes whole later', async () => {
    const chain = 'gateway:closing';
    const closing = buildChain(chain, 10, { startAt: new Date(CUTOFF.getTime() - 10 * 60_000) });
    const signed = [
      ...checkpointsAt(closing, signer, [4]),
      ...checkpointsAt(closing, signer, [9], new Date(CUTOFF.getTime() + 1000).toISOString()),
    ];
    await store(memory, closing, signed);
    const report = await archive();
    expect(report.chains.find((c) => c.chain === chain)).toEqual({
      chain,
      cutSeq: 4,
      removedRecords: 5,
      removedCheckpoints: 0,
      expiredKept: 5,
      note: `every record is past retention, but checkpoint ${chain}:9 was signed ${signed[1]!.at}, within the retention period: the chain goes whole once that is past too`,
    });
    expect((await verify()).problems).toEqual([]);
    const later = await archiveExpired({ db: memory.db, retentionDays: RETENTION_DAYS, now: new Date(NOW.getTime() + DAY) });
    expect(later.chains.find((c) => c.chain === chain)).toMatchObject({ removedRecords: 5, removedCheckpoints: 2, removedWhole: true });
  });

  it('verify still reports a record deleted, or changed, within retention after archival', async () => {
    await archive();
    const { records } = collections(memory);
    await records.deleteOne({ _id: at(PARTLY, 15)._id });
    await records.updateOne({ _id: at(RECENT, 4)._id }, { $set: { purpose: 'FAMILY_BENEFIT' } });
    expect((await verify()).problems).toEqual([
      expect.objectContaining({ chain: PARTLY, seq: 15, kind: 'deleted' }),
      expect.objectContaining({ chain: RECENT, seq: 4, kind: 'modified' }),
    ]);
  });
});
