import type { JWK } from 'jose';
import { checkpointKeys, verifyCheckpoint, type CheckpointKeys } from '../checkpoints/verifyCheckpoint.js';
import type { AuditRecord, Checkpoint } from '../records.js';
import { ChainIndex } from './chainIndex.js';
import { findFirstBreak } from './findFirstBreak.js';
import type { ChainReport, Problem } from './report.js';

export interface VerifyChainInput {
  chain: string;
  /** The chain's records in any order: an array, or a database cursor read once. */
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>;
  checkpoints: Iterable<Checkpoint>;
  keys: readonly JWK[] | CheckpointKeys;
  /**
   * Records made before this are past retention. When given, a chain that starts
   * after seq 0 must be cut at a checkpoint signed before it; when not, any
   * cut at a valid checkpoint is accepted.
   */
  retentionCutoff?: Date;
}

/**
 * Verifies one chain: every checkpoint's signature, then the records from the
 * first one on. Does no I/O of its own, so it runs on arrays in unit tests and
 * on a cursor in verifyAuditLog. Keeps about 300 bytes per record (ChainIndex).
 */
export async function verifyChain(input: VerifyChainInput): Promise<ChainReport> {
  const { chain, retentionCutoff } = input;
  const keys = Array.isArray(input.keys) ? checkpointKeys(input.keys) : (input.keys as CheckpointKeys);
  const index = new ChainIndex();
  for await (const record of input.records) index.add(record);

  const problems: Problem[] = [];
  const valid = new Map<number, Checkpoint[]>();
  let checkpoints = 0;
  for (const checkpoint of input.checkpoints) {
    if (checkpoint.chain !== chain) continue;
    checkpoints++;
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
        detail: `checkpoint ${String(checkpoint._id)} cannot be trusted: ${verdict.reason}`,
      });
    }
  }

  const walk = findFirstBreak(chain, index, valid, retentionCutoff);
  if (walk.problem) problems.push(walk.problem);
  problems.sort((a, b) => a.seq - b.seq);
  const seqs = index.seqs();
  return {
    chain,
    records: index.count,
    firstSeq: seqs[0] ?? null,
    lastSeq: seqs.at(-1) ?? null,
    checkpoints,
    archivedThrough: walk.archivedThrough,
    problems,
  };
}
