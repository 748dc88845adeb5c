import type { Collection } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Checkpoint } from '../records.js';
import { generateAuditKeyPair } from './auditKeys.js';
import { createCheckpointer, type CheckpointerOptions } from './createCheckpointer.js';
import { createCheckpointSigner } from './createCheckpointSigner.js';
import { verifyCheckpoint } from './verifyCheckpoint.js';

const pair = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: pair.privateJwk });
const hash = (seq: number) => seq.toString(16).padStart(64, '0');
const head = (seq: number) => ({ seq, hash: hash(seq) });

/** Just enough of a collection: insertOne with a unique _id, and a switch to make it fail. */
function fakeCollection() {
  const stored: Checkpoint[] = [];
  let failing = false;
  const collection = {
    async insertOne(doc: Checkpoint) {
      if (failing) throw new Error('connection refused');
      if (stored.some((c) => c._id === doc._id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      stored.push(doc);
      return { acknowledged: true, insertedId: doc._id };
    },
  } as unknown as Collection<Checkpoint>;
  return { collection, stored, fail: (value: boolean) => void (failing = value) };
}

describe('createCheckpointer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-02T09:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = (db: ReturnType<typeof fakeCollection>, options: Partial<CheckpointerOptions> = {}) =>
    createCheckpointer({ collection: db.collection, signer, chain: 'gateway:a1', everyRecords: 10, everyMs: 60_000, ...options });

  it('checkpoints every everyRecords records, with a signature the public key verifies', async () => {
    const db = fakeCollection();
    const checkpointer = start(db);
    for (const seq of [3, 8, 9, 15, 19, 22]) await checkpointer.committed(head(seq));
    expect(db.stored.map((c) => c.seq)).toEqual([9, 19]);
    expect(db.stored[0]).toEqual({
      _id: 'gateway:a1:9',
      chain: 'gateway:a1',
      seq: 9,
      hash: hash(9),
      at: '2026-11-02T09:00:00.000Z',
      keyId: signer.keyId,
      signature: expect.any(String),
    });
    expect(db.stored.every((c) => verifyCheckpoint(c, [pair.publicJwk]).valid)).toBe(true);
  });

  it('checkpoints a quiet chain everyMs after the last checkpoint, by itself', async () => {
    const db = fakeCollection();
    const checkpointer = start(db);
    await checkpointer.committed(head(2));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(db.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(db.stored.map((c) => [c.seq, c.at])).toEqual([[2, '2026-11-02T09:01:00.000Z']]);
    // Nothing new: no timer, no checkpoint.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(db.stored).toHaveLength(1);
  });

  it('waits out an everyMs longer than setTimeout can', async () => {
    const db = fakeCollection();
    const checkpointer = start(db, { everyMs: 40 * 86_400_000 });
    await checkpointer.committed(head(2));
    await vi.advanceTimersByTimeAsync(39 * 86_400_000);
    expect(db.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(db.stored.map((c) => c.seq)).toEqual([2]);
  });

  it('checkpoints on a batch that comes after everyMs', async () => {
    const db = fakeCollection();
    const checkpointer = start(db, { everyMs: 1_000 });
    vi.setSystemTime(new Date('2026-11-02T09:00:05Z'));
    await checkpointer.committed(head(1));
    expect(db.stored.map((c) => c.seq)).toEqual([1]);
  });

  it('checkpoints the last head on close, and refuses heads after it', async () => {
    const db = fakeCollection();
    const checkpointer = start(db);
    await checkpointer.committed(head(4));
    await checkpointer.close();
    expect(db.stored.map((c) => c.seq)).toEqual([4]);
    await expect(checkpointer.committed(head(5))).rejects.toThrow('The checkpointer of chain gateway:a1 is closed.');
  });

  it('treats a checkpoint already stored as written (a retried insert)', async () => {
    const db = fakeCollection();
    await start(db).committed(head(12));
    const again = start(db);
    await again.committed(head(12));
    await again.close();
    expect(db.stored.map((c) => c._id)).toEqual(['gateway:a1:12', 'gateway:a1:12:closing']);
  });

  it('closes the chain with a signed closing checkpoint, even of a head already signed', async () => {
    const db = fakeCollection();
    const checkpointer = start(db, { everyRecords: 1 });
    await checkpointer.committed(head(7));
    await checkpointer.close();
    expect(db.stored.map((c) => [c._id, c.seq, c.closing])).toEqual([
      ['gateway:a1:7', 7, undefined],
      ['gateway:a1:7:closing', 7, true],
    ]);
    expect(db.stored.every((c) => verifyCheckpoint(c, [pair.publicJwk]).valid)).toBe(true);
    // The flag is signed: an ordinary checkpoint cannot be passed off as a closing one, nor the other way round.
    const [ordinary, closing] = db.stored as [Checkpoint, Checkpoint];
    expect(verifyCheckpoint({ ...ordinary, _id: 'gateway:a1:7:closing', closing: true }, [pair.publicJwk]).valid).toBe(false);
    const unflagged: Checkpoint = { ...closing, _id: 'gateway:a1:7' };
    delete unflagged.closing;
    expect(verifyCheckpoint(unflagged, [pair.publicJwk]).valid).toBe(false);
  });

  it('writes no closing checkpoint for a chain that has no record', async () => {
    const db = fakeCollection();
    await start(db).close();
    expect(db.stored).toEqual([]);
  });

  it('gives a chain the writer left no closing checkpoint: it went on in another', async () => {
    const db = fakeCollection();
    const checkpointer = start(db);
    await checkpointer.committed(head(3));
    await checkpointer.committed({ chain: 'gateway:a1/1', ...head(0) });
    await checkpointer.close();
    expect(db.stored.map((c) => c._id)).toEqual(['gateway:a1:3', 'gateway:a1/1:0', 'gateway:a1/1:0:closing']);
  });

  it('checkpoints within five seconds of a commit by default', async () => {
    const db = fakeCollection();
    const checkpointer = createCheckpointer({ collection: db.collection, signer, chain: 'gateway:a1' });
    await checkpointer.committed(head(0));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(db.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(db.stored.map((c) => c.seq)).toEqual([0]);
  });

  it('gives every checkpoint to the witness before the database, and retries both when the witness fails', async () => {
    const db = fakeCollection();
    const witnessed: Checkpoint[] = [];
    let witnessFails = false;
    const witness = {
      async append(checkpoint: Checkpoint) {
        if (witnessFails) throw new Error('disk full');
        // Given before the database has it.
        expect(db.stored.some((c) => c._id === checkpoint._id)).toBe(false);
        witnessed.push(checkpoint);
      },
      async close() {},
    };
    const checkpointer = start(db, { witness, everyRecords: 1, onError: () => {} });
    await checkpointer.committed(head(0));
    witnessFails = true;
    await expect(checkpointer.committed(head(1))).rejects.toThrow('disk full');
    expect(db.stored.map((c) => c.seq)).toEqual([0]);
    witnessFails = false;
    await vi.advanceTimersByTimeAsync(5_000);
    await checkpointer.close();
    expect(witnessed.map((c) => c._id)).toEqual(['gateway:a1:0', 'gateway:a1:1', 'gateway:a1:1:closing']);
    expect(db.stored).toEqual(witnessed);
  });

  it('reports a failed write to the caller and retries it later', async () => {
    const db = fakeCollection();
    const errors: unknown[] = [];
    const checkpointer = start(db, { onError: (e) => errors.push(e) });
    db.fail(true);
    await expect(checkpointer.committed(head(10))).rejects.toThrow('connection refused');
    // The timer retries, a few seconds later rather than at once.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(errors).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(1);
    db.fail(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(db.stored.map((c) => c.seq)).toEqual([10]);
  });

  it("follows the writer to a new chain, signing the old one's last head at once", async () => {
    const db = fakeCollection();
    const checkpointer = start(db);
    await checkpointer.committed(head(3));
    await checkpointer.committed({ chain: 'gateway:a1/1', ...head(0) });
    await checkpointer.committed({ chain: 'gateway:a1/1', ...head(10) });
    expect(db.stored.map((c) => c._id)).toEqual(['gateway:a1:3', 'gateway:a1/1:0', 'gateway:a1/1:10']);
  });

  it("retries the old chain's last head when signing it failed", async () => {
    const db = fakeCollection();
    const checkpointer = start(db, { onError: () => {} });
    await checkpointer.committed(head(3));
    db.fail(true);
    await expect(checkpointer.committed({ chain: 'gateway:a1/1', ...head(0) })).rejects.toThrow('connection refused');
    db.fail(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(db.stored.map((c) => c._id).sort()).toEqual(['gateway:a1/1:0', 'gateway:a1:3']);
  });

  it('refuses nonsense settings', () => {
    const db = fakeCollection();
    expect(() => start(db, { everyRecords: 0 })).toThrow('everyRecords must be a whole number, at least 1.');
    expect(() => start(db, { everyMs: 0 })).toThrow('everyMs must be a positive number of milliseconds.');
  });
});
