import { describe, expect, it } from 'vitest';
import { generateAuditKeyPair } from '../checkpoints/auditKeys.js';
import { createCheckpointSigner } from '../checkpoints/createCheckpointSigner.js';
import type { AuditRecord, Checkpoint } from '../records.js';
import { buildChain, checkpointsAt, rehash } from './__fixtures__/auditChains.js';
import type { Problem } from './report.js';
import { verifyChain } from './verifyChain.js';

const keys = generateAuditKeyPair();
const signer = createCheckpointSigner({ privateJwk: keys.privateJwk });
const CHAIN = 'gateway:a1';

/** 30 records, checkpoints after every tenth and on the last. */
function fresh(): { records: AuditRecord[]; checkpoints: Checkpoint[] } {
  const records = buildChain(CHAIN, 30);
  return { records, checkpoints: checkpointsAt(records, signer, [9, 19, 29]) };
}

async function verify(records: AuditRecord[], checkpoints: Checkpoint[], retentionCutoff?: Date) {
  return verifyChain({ chain: CHAIN, records, checkpoints, keys: [keys.publicJwk], ...(retentionCutoff ? { retentionCutoff } : {}) });
}

/** The first problem, without its wording. */
async function firstProblem(records: AuditRecord[], checkpoints: Checkpoint[], retentionCutoff?: Date) {
  const { problems } = await verify(records, checkpoints, retentionCutoff);
  const problem: Partial<Problem> = { ...problems[0] };
  delete problem.detail;
  return problem;
}

const at = (records: AuditRecord[], seq: number): AuditRecord => records.find((r) => r.seq === seq)!;
const without = (records: AuditRecord[], ...seqs: number[]) => records.filter((r) => !seqs.includes(r.seq));
/** Replace the records at the given seqs. */
const replace = (records: AuditRecord[], changes: Record<number, AuditRecord>) => records.map((r) => changes[r.seq] ?? r);

describe('verifyChain on an intact chain', () => {
  it('passes, whatever order the records come in', async () => {
    const { records, checkpoints } = fresh();
    const report = await verify([...records].reverse(), checkpoints);
    expect(report).toEqual({
      chain: CHAIN,
      records: 30,
      firstSeq: 0,
      lastSeq: 29,
      checkpoints: 3,
      witnessed: 0,
      archivedThrough: null,
      end: 'open',
      continuedIn: null,
      unsigned: 0,
      newestCheckpointAt: '2026-11-02T09:29:01.000Z',
      lastRecordAt: '2026-11-02T09:29:00.000Z',
      problems: [],
    });
  });

  it('passes without checkpoints (nothing then guards the tail)', async () => {
    expect((await verify(fresh().records, [])).problems).toEqual([]);
  });

  it('reads records from an async iterable (a cursor)', async () => {
    const { records, checkpoints } = fresh();
    async function* cursor() {
      yield* records;
    }
    const report = await verifyChain({ chain: CHAIN, records: cursor(), checkpoints, keys: [keys.publicJwk] });
    expect(report.problems).toEqual([]);
  });
});

describe('modified', () => {
  it('a field changed in place: the hash no longer matches', async () => {
    const { records, checkpoints } = fresh();
    const changed = replace(records, { 12: { ...at(records, 12), partnerId: 'famiwal' } });
    expect(await firstProblem(changed, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 12)._id, kind: 'modified' });
  });

  it('a field changed and the hash recomputed: the next record names the old hash', async () => {
    const { records, checkpoints } = fresh();
    const changed = replace(records, { 12: rehash({ ...at(records, 12), partnerId: 'famiwal' }) });
    expect(await firstProblem(changed, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 12)._id, kind: 'modified' });
  });

  it('a prev changed and the hash recomputed, after a checkpointed record', async () => {
    const { records, checkpoints } = fresh();
    const changed = replace(records, { 10: rehash({ ...at(records, 10), prev: 'f'.repeat(64) }) });
    expect(await firstProblem(changed, checkpoints)).toEqual({ chain: CHAIN, seq: 10, recordId: at(records, 10)._id, kind: 'modified' });
  });

  it('the first record given a predecessor', async () => {
    const { records, checkpoints } = fresh();
    const changed = replace(records, { 0: { ...at(records, 0), prev: 'f'.repeat(64) } });
    expect(await firstProblem(changed, checkpoints)).toEqual({ chain: CHAIN, seq: 0, recordId: at(records, 0)._id, kind: 'modified' });
  });
});

describe('deleted', () => {
  it('a middle record removed: a gap in seq', async () => {
    const { records, checkpoints } = fresh();
    expect(await firstProblem(without(records, 12), checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: at(records, 13)._id,
      kind: 'deleted',
    });
  });

  it('several records removed: the first missing one', async () => {
    const { records, checkpoints } = fresh();
    expect(await firstProblem(without(records, 12, 13, 14), checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: at(records, 15)._id,
      kind: 'deleted',
    });
  });

  it('a record removed and the following renumbered down', async () => {
    const { records, checkpoints } = fresh();
    const renumbered = without(records, 12).map((r) => (r.seq > 12 ? { ...r, seq: r.seq - 1 } : r));
    expect(await firstProblem(renumbered, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 13)._id, kind: 'deleted' });
  });

  it('a record removed and the following renumbered down and rehashed', async () => {
    const { records, checkpoints } = fresh();
    const renumbered = without(records, 12).map((r) => (r.seq > 12 ? rehash({ ...r, seq: r.seq - 1 }) : r));
    expect(await firstProblem(renumbered, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 13)._id, kind: 'deleted' });
  });

  it('the first records removed without a checkpoint to cut at', async () => {
    const { records, checkpoints } = fresh();
    expect(await firstProblem(without(records, 0, 1, 2), checkpoints)).toEqual({
      chain: CHAIN,
      seq: 0,
      recordId: at(records, 3)._id,
      kind: 'deleted',
    });
  });
});

describe('inserted', () => {
  const forge = (records: AuditRecord[], seq: number): AuditRecord =>
    rehash({ ...at(records, seq), _id: 'request:forged', requestId: 'forged', prev: at(records, seq - 1).hash });

  it('a forged record beside a real one, with a valid hash and link', async () => {
    const { records, checkpoints } = fresh();
    const forged = forge(records, 12);
    expect(await firstProblem([...records, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: forged._id,
      kind: 'inserted',
    });
  });

  it('a forged record with a made-up hash', async () => {
    const { records, checkpoints } = fresh();
    const forged = { ...forge(records, 12), hash: '0'.repeat(64) };
    expect(await firstProblem([...records, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: forged._id,
      kind: 'inserted',
    });
  });

  it('a forged record with the following renumbered up', async () => {
    const { records, checkpoints } = fresh();
    const forged = forge(records, 12);
    const shifted = records.map((r) => (r.seq >= 12 ? { ...r, seq: r.seq + 1 } : r));
    expect(await firstProblem([...shifted, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: forged._id,
      kind: 'inserted',
    });
  });

  it('a forged record with the following renumbered up and rehashed', async () => {
    const { records, checkpoints } = fresh();
    const forged = forge(records, 12);
    const shifted = records.map((r) => (r.seq >= 12 ? rehash({ ...r, seq: r.seq + 1 }) : r));
    expect(await firstProblem([...shifted, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 12,
      recordId: forged._id,
      kind: 'inserted',
    });
  });

  it('a forged record after the end that skips a seq', async () => {
    const { records, checkpoints } = fresh();
    const forged = rehash({ ...at(records, 28), _id: 'request:forged', seq: 35, prev: at(records, 29).hash });
    expect(await firstProblem([...records, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 35,
      recordId: forged._id,
      kind: 'inserted',
    });
  });

  it('a record whose seq is no position', async () => {
    const { records, checkpoints } = fresh();
    const forged = { ...at(records, 4), _id: 'request:forged', seq: 4.5 };
    expect(await firstProblem([...records, forged], checkpoints)).toEqual({
      chain: CHAIN,
      seq: 4.5,
      recordId: forged._id,
      kind: 'inserted',
    });
  });
});

describe('reordered', () => {
  it('two records whose seqs were swapped', async () => {
    const { records, checkpoints } = fresh();
    const swapped = replace(records, { 12: { ...at(records, 12), seq: 13 }, 13: { ...at(records, 13), seq: 12 } });
    expect(await firstProblem(swapped, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 13)._id, kind: 'reordered' });
  });

  it('two records swapped and rehashed: their links cross', async () => {
    const { records, checkpoints } = fresh();
    const swapped = replace(records, { 12: rehash({ ...at(records, 12), seq: 13 }), 13: rehash({ ...at(records, 13), seq: 12 }) });
    expect(await firstProblem(swapped, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 13)._id, kind: 'reordered' });
  });

  it('a record moved to another place, leaving a hole', async () => {
    const { records, checkpoints } = fresh();
    const moved = replace(records, { 12: { ...at(records, 12), seq: 20 } });
    expect(await firstProblem(moved, checkpoints)).toEqual({ chain: CHAIN, seq: 12, recordId: at(records, 12)._id, kind: 'reordered' });
  });
});

describe('truncated and checkpoints', () => {
  it('records removed at the end, before the newest checkpoint', async () => {
    const { records, checkpoints } = fresh();
    expect(await firstProblem(without(records, 27, 28, 29), checkpoints)).toEqual({
      chain: CHAIN,
      seq: 27,
      recordId: null,
      kind: 'truncated',
    });
  });

  it('records after the newest checkpoint can be removed unnoticed (what everyMs bounds)', async () => {
    const { records, checkpoints } = fresh();
    expect((await verify(without(records, 27, 28, 29), checkpoints.slice(0, 2))).problems).toEqual([]);
  });

  it('a checkpoint whose signature does not verify', async () => {
    const { records, checkpoints } = fresh();
    const bad = { ...checkpoints[1]!, signature: checkpoints[0]!.signature };
    expect(await firstProblem(records, [checkpoints[0]!, bad, checkpoints[2]!])).toEqual({
      chain: CHAIN,
      seq: 19,
      recordId: at(records, 19)._id,
      kind: 'checkpoint-signature',
    });
  });

  it('a checkpoint whose hash was changed: the signature no longer covers it', async () => {
    const { records, checkpoints } = fresh();
    const bad = { ...checkpoints[1]!, hash: at(records, 18).hash };
    expect((await firstProblem(records, [bad])).kind).toBe('checkpoint-signature');
  });

  it('a checkpoint signed by a key that is not listed', async () => {
    const { records } = fresh();
    const other = createCheckpointSigner({ privateJwk: generateAuditKeyPair().privateJwk });
    const [checkpoint] = checkpointsAt(records, other, [9]);
    const { problems } = await verify(records, [checkpoint!]);
    expect(problems).toEqual([
      {
        chain: CHAIN,
        seq: 9,
        recordId: at(records, 9)._id,
        kind: 'checkpoint-signature',
        detail: `checkpoint ${CHAIN}:9 cannot be trusted: it was signed by key ${other.keyId}, which is not among the audit public keys`,
      },
    ]);
  });

  it('accepts checkpoints of every listed key (rotation)', async () => {
    const { records } = fresh();
    const next = generateAuditKeyPair();
    const checkpoints = [
      ...checkpointsAt(records, signer, [9]),
      ...checkpointsAt(records, createCheckpointSigner({ privateJwk: next.privateJwk }), [19, 29]),
    ];
    const report = await verifyChain({ chain: CHAIN, records, checkpoints, keys: [keys.publicJwk, next.publicJwk] });
    expect(report.problems).toEqual([]);
  });

  it('records rewritten with recomputed hashes and links up to a checkpoint', async () => {
    const { records, checkpoints } = fresh();
    const rewritten: AuditRecord[] = records.slice(0, 12);
    for (const r of records.slice(12)) rewritten.push(rehash({ ...r, partnerId: 'famiwal', prev: rewritten.at(-1)!.hash }));
    expect(await firstProblem(rewritten, checkpoints)).toEqual({
      chain: CHAIN,
      seq: 19,
      recordId: at(records, 19)._id,
      kind: 'checkpoint-mismatch',
    });
  });
});

describe('archival cuts', () => {
  const cutoff = new Date('2027-01-01T00:00:00Z');

  it('a chain that starts right after a checkpoint it links to', async () => {
    const { records, checkpoints } = fresh();
    const report = await verify(
      records.filter((r) => r.seq > 9),
      checkpoints,
      cutoff,
    );
    expect(report).toMatchObject({ firstSeq: 10, archivedThrough: 9, problems: [] });
  });

  it('a cut at a checkpoint signed within retention is a deletion', async () => {
    const { records, checkpoints } = fresh();
    const problem = await firstProblem(
      records.filter((r) => r.seq > 9),
      checkpoints,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(problem).toEqual({ chain: CHAIN, seq: 0, recordId: at(records, 10)._id, kind: 'deleted' });
  });

  it('a cut past a checkpoint: the hole starts after it', async () => {
    const { records, checkpoints } = fresh();
    expect(
      await firstProblem(
        records.filter((r) => r.seq > 12),
        checkpoints,
        cutoff,
      ),
    ).toEqual({
      chain: CHAIN,
      seq: 10,
      recordId: at(records, 13)._id,
      kind: 'deleted',
    });
  });

  it('a cut at a checkpoint that names another hash is a deletion', async () => {
    const { records } = fresh();
    const checkpoints = [signer.sign({ chain: CHAIN, seq: 9, hash: at(records, 8).hash, at: '2026-11-02T09:09:01.000Z' })];
    expect(
      await firstProblem(
        records.filter((r) => r.seq > 9),
        checkpoints,
        cutoff,
      ),
    ).toEqual({
      chain: CHAIN,
      seq: 0,
      recordId: at(records, 10)._id,
      kind: 'deleted',
    });
  });

  it('a chain archived whole keeps its last checkpoint', async () => {
    const { checkpoints } = fresh();
    expect(await verify([], checkpoints.slice(2), cutoff)).toMatchObject({ records: 0, archivedThrough: 29, problems: [] });
  });

  it('a chain emptied within retention is truncated', async () => {
    const { checkpoints } = fresh();
    expect(await firstProblem([], checkpoints, new Date('2026-01-01T00:00:00Z'))).toEqual({
      chain: CHAIN,
      seq: 0,
      recordId: null,
      kind: 'truncated',
    });
  });
});

describe('how a chain ends', () => {
  const closingAt = (records: AuditRecord[], seq: number): Checkpoint =>
    signer.sign({
      chain: CHAIN,
      seq,
      hash: at(records, seq).hash,
      at: new Date(Date.parse(at(records, seq).at) + 2000).toISOString(),
      closing: true,
    });
  const endOf = async (input: Partial<Parameters<typeof verifyChain>[0]>) => {
    const { records, checkpoints } = fresh();
    const report = await verifyChain({ chain: CHAIN, records, checkpoints, keys: [keys.publicJwk], ...input });
    return { end: report.end, unsigned: report.unsigned, problems: report.problems };
  };

  it('closed: a closing checkpoint names its last record', async () => {
    const { records, checkpoints } = fresh();
    expect(await endOf({ checkpoints: [...checkpoints, closingAt(records, 29)] })).toEqual({ end: 'closed', unsigned: 0, problems: [] });
  });

  it('a record after the closing checkpoint was added: a writer appends nothing once closed', async () => {
    const { records, checkpoints } = fresh();
    expect(await firstProblem(records, [...checkpoints.slice(0, 2), closingAt(records, 25)])).toEqual({
      chain: CHAIN,
      seq: 26,
      recordId: at(records, 26)._id,
      kind: 'inserted',
    });
  });

  it('the last records removed after a clean shutdown: the closing checkpoint shows it', async () => {
    const { records, checkpoints } = fresh();
    const withClosing = [...checkpoints.slice(0, 2), closingAt(records, 25)];
    // Written up to seq 25 and closed there; 24 and 25 then removed.
    const kept = records.filter((r) => r.seq <= 23);
    expect(await firstProblem(kept, withClosing)).toEqual({ chain: CHAIN, seq: 24, recordId: null, kind: 'truncated' });
  });

  it('pending, then stopped: records after the newest checkpoint, younger or older than the interval', async () => {
    const { checkpoints } = fresh();
    const lastRecord = Date.parse('2026-11-02T09:29:00.000Z');
    const input = { checkpoints: checkpoints.slice(0, 2), checkpointIntervalMs: 5_000 };
    expect(await endOf({ ...input, now: new Date(lastRecord + 3_000) })).toEqual({ end: 'pending', unsigned: 10, problems: [] });
    expect(await endOf({ ...input, now: new Date(lastRecord + 60_000) })).toEqual({ end: 'stopped', unsigned: 10, problems: [] });
    expect((await endOf({ checkpoints: [], now: new Date(lastRecord + 60_000) })).unsigned).toBe(30);
  });

  it('continued: its writer went on in another chain after a failed write', async () => {
    expect((await endOf({ continuedIn: `${CHAIN}/1` })).end).toBe('continued');
  });
});

describe('the witness', () => {
  const cutoff = new Date('2020-01-01T00:00:00Z');
  const verifyWith = (records: AuditRecord[], checkpoints: Checkpoint[], witnessed: Checkpoint[]) =>
    verifyChain({ chain: CHAIN, records, checkpoints, witnessed, keys: [keys.publicJwk], retentionCutoff: cutoff });

  it('counts its checkpoints apart, and the same checkpoint stored and witnessed once', async () => {
    const { records, checkpoints } = fresh();
    const report = await verifyWith(records, checkpoints, checkpoints);
    expect([report.checkpoints, report.witnessed, report.problems]).toEqual([3, 3, []]);
  });

  it('the end of a chain removed with its newest checkpoint: the witnessed one shows it', async () => {
    const { records, checkpoints } = fresh();
    const { problems } = await verifyWith(without(records, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29), checkpoints.slice(0, 2), checkpoints);
    expect(problems).toEqual([expect.objectContaining({ kind: 'truncated', seq: 20, recordId: null })]);
  });

  it('a chain removed whole from the store, records and checkpoints, within retention: truncated', async () => {
    const { checkpoints } = fresh();
    const report = await verifyWith([], [], checkpoints);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'truncated', seq: 0, recordId: null })]);
  });

  it('a chain archived whole past retention is no problem, though the witness still names it', async () => {
    const { checkpoints } = fresh();
    const report = await verifyChain({
      chain: CHAIN,
      records: [],
      checkpoints: [],
      witnessed: checkpoints,
      keys: [keys.publicJwk],
      retentionCutoff: new Date('2027-01-01T00:00:00Z'),
    });
    expect([report.end, report.problems]).toEqual(['archived', []]);
  });

  it('a witnessed checkpoint whose signature fails is reported as such', async () => {
    const { records, checkpoints } = fresh();
    const forged = { ...checkpoints[2]!, hash: at(records, 28).hash };
    const { problems } = await verifyWith(records, checkpoints, [forged]);
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'checkpoint-signature', seq: 29, detail: expect.stringMatching(/^witnessed checkpoint /) }),
    ]);
  });
});
