import { verifyCheckpoint, type CheckpointKeys } from '../checkpoints/verifyCheckpoint.js';
import type { AuditRecord, Checkpoint } from '../records.js';
import { ChainIndex } from './chainIndex.js';
import { findFirstBreak } from './findFirstBreak.js';
import { isBefore } from './retention.js';

/**
 * One deletion of a chain removed whole, in the order archival makes them.
 * After each, what is left of the chain is one that verify, told the same
 * retention, accepts; so an interrupted run leaves no evidence of tampering
 * behind, and the next one finishes the chain.
 */
export type RemovalStep =
  /** The records up to this checkpointed seq: the chain then starts just after the checkpoint, which vouches for it. */
  | { kind: 'cut'; seq: number }
  /**
   * The chain's last record, one of those after its newest checkpoint (or, without one, of any): the chain
   * then ends a record earlier, as nothing forbids after its newest checkpoint.
   */
  | { kind: 'last-record'; id: string; seq: number }
  /** The chain's checkpoints, those that were read, once no record is left. */
  | { kind: 'checkpoints'; ids: string[] };

export type WholeChainPlan =
  | {
      removable: true;
      /** The chain's last seq: its last record's, or without records its newest checkpoint's. */
      lastSeq: number;
      records: number;
      checkpoints: number;
      steps: RemovalStep[];
    }
  | {
      removable: false;
      /** Whether the chain fails verification (then nothing of it may go), or only cannot go whole yet. */
      broken: boolean;
      reason: string;
    };

export interface WholeChainInput {
  chain: string;
  /** Every record of the chain, in any order. */
  records: Iterable<AuditRecord> | AsyncIterable<AuditRecord>;
  /** Every checkpoint of the chain. */
  checkpoints: readonly Checkpoint[];
  /**
   * The chain's checkpoints in the witness: not removed (the witness is append-only), but the chain goes
   * whole only once they too were signed before the cutoff, or verify, reading them, would call it truncated.
   */
  witnessed?: readonly Checkpoint[];
  /** The trusted keys; without them, every checkpoint is taken as valid (as archiveExpired does without publicKeys). */
  keys?: CheckpointKeys;
  /** Records made before this are past retention. */
  cutoff: Date;
}

/**
 * Whether a chain may be removed whole, records and checkpoints, and how: only
 * when every record is past retention, every checkpoint is valid and was signed
 * before the cutoff, and the chain verifies as it stands (the checks of
 * verifyChain, with the same retention). A chain all of whose records are past
 * retention was written by a process long gone (a restarted writer starts a new
 * chain), so nothing will be appended to it.
 *
 * Age is read from what the hashes cover. Records up to a checkpoint signed
 * before the cutoff were made before it, whatever their `at` says. After a
 * chain's newest checkpoint, the records' own `at` is all there is; each is
 * covered by its record's hash, and the chain is verified first, so a record
 * can only have become past retention by time passing: one whose `at` was moved
 * back no longer matches its hash, or, rehashed, no longer matches the link
 * from the record after it (or the checkpoint on it), and the chain is left
 * alone. What escapes that, the last records after the newest checkpoint
 * rewritten whole, could as well have been removed unnoticed (docs/audit.md,
 * "Checkpoints"): trusting their `at` hides nothing verify would have shown.
 *
 * Reads the whole chain, about 300 bytes a record (ChainIndex), as verify does.
 */
export async function planWholeChainRemoval(input: WholeChainInput): Promise<WholeChainPlan> {
  const { chain, checkpoints, keys, cutoff } = input;
  for (const cp of [...checkpoints, ...(input.witnessed ?? [])]) {
    const verdict = keys ? verifyCheckpoint(cp, keys) : ({ valid: true } as const);
    if (!verdict.valid)
      return { removable: false, broken: true, reason: `checkpoint ${String(cp._id)} cannot be trusted: ${verdict.reason}` };
    if (!isBefore(cp.at, cutoff))
      return { removable: false, broken: false, reason: `checkpoint ${cp._id} was signed ${String(cp.at)}, within the retention period` };
  }

  const index = new ChainIndex();
  let recent: AuditRecord | undefined;
  for await (const record of input.records) {
    index.add(record);
    if (!recent && !isBefore(record.at, cutoff)) recent = record;
  }
  if (recent)
    return {
      removable: false,
      broken: false,
      reason: `record ${String(recent._id)} (seq ${String(recent.seq)}) was made ${String(recent.at)}, within the retention period`,
    };

  const valid = new Map<number, Checkpoint[]>();
  for (const cp of checkpoints) valid.set(cp.seq, [...(valid.get(cp.seq) ?? []), cp]);
  const { problem } = findFirstBreak(chain, index, valid, cutoff);
  if (problem)
    return {
      removable: false,
      broken: true,
      reason: `the chain does not verify (${problem.kind} at seq ${problem.seq}): run verify; nothing was removed`,
    };

  const seqs = index.seqs();
  const checkpointSeqs = [...valid.keys()].sort((a, b) => a - b);
  const steps: RemovalStep[] = [];
  let lastSeq = checkpointSeqs.at(-1) ?? -1;
  if (seqs.length > 0) {
    const first = seqs[0]!;
    lastSeq = seqs.at(-1)!;
    // The checkpointed part first, checkpoint by checkpoint from the oldest: each cut leaves the chain
    // starting just after a checkpoint signed before the cutoff, which verify accepts as archival's.
    const cuts = checkpointSeqs.filter((seq) => seq >= first && seq <= lastSeq);
    for (const seq of cuts) steps.push({ kind: 'cut', seq });
    // Then the unsigned tail, one record at a time from the end: the chain then only ever ends earlier,
    // after its newest checkpoint, which verify cannot tell from a writer that stopped there. A record
    // at a time, because a multi-record delete cut short may leave holes, which verify rightly reports
    // (a cut above is one such delete, as archival's cuts always were: no order of single deletes
    // inside a checkpoint's span would leave a chain verify accepts).
    for (let seq = lastSeq; seq > (cuts.at(-1) ?? first - 1); seq--) steps.push({ kind: 'last-record', id: index.at(seq)[0]!.id, seq });
  }
  // Checkpoints last: left without records, they verify as a chain archived whole; taken first, the
  // records left behind would start after a checkpoint no longer there, which verify reports as deleted.
  if (checkpoints.length > 0) steps.push({ kind: 'checkpoints', ids: checkpoints.map((cp) => cp._id) });
  return { removable: true, lastSeq, records: index.count, checkpoints: checkpoints.length, steps };
}
