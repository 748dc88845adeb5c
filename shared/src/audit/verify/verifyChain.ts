import type { JWK } from 'jose';
import { DEFAULT_CHECKPOINT_INTERVAL_MS } from '../auditSettings.js';
import { checkpointKeys, verifyCheckpoint, type CheckpointKeys } from '../checkpoints/verifyCheckpoint.js';
import type { AuditRecord, Checkpoint } from '../records.js';
import { ChainIndex } from './chainIndex.js';
import { findFirstBreak } from './findFirstBreak.js';
import type { ChainEnd, ChainReport, Problem } from './report.js';

export interface VerifyChainInput {
  chain: string;
  /** The chain's records in any order: an array, or a database cursor read once. */
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>;
  checkpoints: Iterable<Checkpoint>;
  /**
   * The chain's checkpoints as the witness kept them, outside the database. They count as much as stored
   * ones: a chain, or its end, removed from the store together with its checkpoints is still vouched for.
   */
  witnessed?: Iterable<Checkpoint>;
  keys: readonly JWK[] | CheckpointKeys;
  /**
   * Records made before this are past retention. When given, a chain that starts
   * after seq 0 must be cut at a checkpoint signed before it; when not, any
   * cut at a valid checkpoint is accepted.
   */
  retentionCutoff?: Date;
  /** The chain its writer went on in after a failed write, if any (verifyAuditLog finds it by name). */
  continuedIn?: string | null;
  /** The writers' AUDIT_CHECKPOINT_INTERVAL_MS: records after the newest checkpoint older than this mean a stopped writer. */
  checkpointIntervalMs?: number;
  now?: Date;
}

/** Beyond the interval, how long a running writer may take to store a checkpoint that is due (a slow store, a retry). */
const CHECKPOINT_GRACE_MS = 10_000;

/**
 * Verifies one chain: every checkpoint's signature, then the records from the
 * first one on, then how the chain ends. Does no I/O of its own, so it runs on
 * arrays in unit tests and on a cursor in verifyAuditLog. Keeps about 300
 * bytes per record (ChainIndex).
 */
export async function verifyChain(input: VerifyChainInput): Promise<ChainReport> {
  const { chain, retentionCutoff } = input;
  const keys = Array.isArray(input.keys) ? checkpointKeys(input.keys) : (input.keys as CheckpointKeys);
  const index = new ChainIndex();
  let lastRecordAt: string | null = null;
  for await (const record of input.records) {
    index.add(record);
    if (typeof record.at === 'string' && (lastRecordAt === null || record.at > lastRecordAt)) lastRecordAt = record.at;
  }

  const problems: Problem[] = [];
  const valid = new Map<number, Checkpoint[]>();
  const seen = new Set<string>();
  let checkpoints = 0;
  let witnessed = 0;
  const consider = (checkpoint: Checkpoint, fromWitness: boolean) => {
    if (checkpoint?.chain !== chain) return;
    if (fromWitness) witnessed++;
    else checkpoints++;
    // The same checkpoint, stored and witnessed, is checked once.
    const { _id, seq, hash, at, keyId, signature, closing } = checkpoint;
    const key = JSON.stringify([_id, seq, hash, at, keyId, signature, closing]);
    if (seen.has(key)) return;
    seen.add(key);
    const verdict = verifyCheckpoint(checkpoint, keys);
    if (verdict.valid) {
      const list = valid.get(checkpoint.seq) ?? [];
      valid.set(checkpoint.seq, [...list, checkpoint]);
    } else {
      const seq = Number.isSafeInteger(checkpoint.seq) ? checkpoint.seq : -1;
      problems.push({
        chain,
        seq,
        recordId: index.at(seq)[0]?.id ?? null,
        kind: 'checkpoint-signature',
        detail: `${fromWitness ? 'witnessed ' : ''}checkpoint ${String(checkpoint._id)} cannot be trusted: ${verdict.reason}`,
      });
    }
  };
  for (const checkpoint of input.checkpoints) consider(checkpoint, false);
  for (const checkpoint of input.witnessed ?? []) consider(checkpoint, true);

  const walk = findFirstBreak(chain, index, valid, retentionCutoff);
  if (walk.problem) problems.push(walk.problem);
  problems.sort((a, b) => a.seq - b.seq);
  const seqs = index.seqs();
  const lastSeq = seqs.at(-1) ?? null;

  const validSeqs = [...valid.keys()];
  const newestSeq = validSeqs.length > 0 ? Math.max(...validSeqs) : -1;
  const newestCheckpointAt = [...valid.values()]
    .flat()
    .reduce<string | null>((max, cp) => (max === null || cp.at > max ? cp.at : max), null);
  const unsigned = seqs.filter((seq) => seq > newestSeq).length;
  const closed = lastSeq !== null && (valid.get(lastSeq) ?? []).some((cp) => cp.closing === true);
  const continuedIn = input.continuedIn ?? null;

  let end: ChainEnd;
  if (lastSeq === null) end = 'archived';
  else if (closed) end = 'closed';
  else if (continuedIn !== null) end = 'continued';
  else if (unsigned === 0) end = 'open';
  else {
    const now = (input.now ?? new Date()).getTime();
    const interval = input.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    end = lastRecordAt !== null && Date.parse(lastRecordAt) >= now - interval - CHECKPOINT_GRACE_MS ? 'pending' : 'stopped';
  }

  return {
    chain,
    records: index.count,
    firstSeq: seqs[0] ?? null,
    lastSeq,
    checkpoints,
    witnessed,
    archivedThrough: walk.archivedThrough,
    end,
    continuedIn,
    unsigned,
    newestCheckpointAt,
    lastRecordAt,
    problems,
  };
}
