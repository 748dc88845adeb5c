import type { Collection, Db } from 'mongodb';
import type { JWK } from 'jose';
import { checkpointKeys, verifyCheckpoint } from '../checkpoints/verifyCheckpoint.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../records.js';
import { DEFAULT_RETENTION_DAYS, isBefore, retentionCutoff } from './retention.js';

export interface ArchiveExpiredOptions {
  db: Db;
  retentionDays?: number;
  now?: Date;
  /** When given, only checkpoints these keys signed can mark a cut (what verify will accept). */
  publicKeys?: readonly JWK[];
  /** Work out and report the cuts without removing anything. */
  dryRun?: boolean;
  onProgress?: (chain: ChainArchive) => void;
}

export interface ChainArchive {
  chain: string;
  /** The checkpointed seq the chain was cut at (records up to it removed); null when it was left alone. */
  cutSeq: number | null;
  removedRecords: number;
  removedCheckpoints: number;
  /** Records past retention that stay, because no checkpoint lets the chain be cut after them. */
  expiredKept: number;
  /** Why the chain was not cut, or not cut further. */
  note?: string;
}

export interface ArchiveReport {
  /** Records made before this were past retention. */
  cutoff: string;
  chains: ChainArchive[];
  removedRecords: number;
  removedCheckpoints: number;
}

/**
 * Removes what is past retention, chain by chain, without breaking
 * verification of what remains: a chain is only ever cut just after a
 * checkpoint (kept, so verify can check the first remaining record's `prev`
 * against it), and only where every record up to it is past retention and the
 * checkpoint was signed before the cutoff (so verify, told the same retention,
 * can tell this cut from a deletion). A job: it reads every chain in full.
 */
export async function archiveExpired(options: ArchiveExpiredOptions): Promise<ArchiveReport> {
  const { db, retentionDays = DEFAULT_RETENTION_DAYS, now = new Date(), dryRun = false, onProgress } = options;
  const cutoff = retentionCutoff(now, retentionDays);
  const keys = options.publicKeys ? checkpointKeys(options.publicKeys) : undefined;
  const records = db.collection<AuditRecord>(auditCollections.records);
  const checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);

  const report: ArchiveReport = { cutoff: cutoff.toISOString(), chains: [], removedRecords: 0, removedCheckpoints: 0 };
  for (const chain of (await records.distinct('chain')).sort()) {
    const usable = (await checkpoints.find({ chain }).toArray())
      .filter((cp) => isBefore(cp.at, cutoff) && (!keys || verifyCheckpoint(cp, keys).valid))
      .sort((a, b) => a.seq - b.seq);
    const cut = await findCut(records, chain, usable, cutoff);
    const result: ChainArchive = { chain, cutSeq: null, removedRecords: 0, removedCheckpoints: 0, expiredKept: cut.expired };
    if (cut.seq === undefined) {
      if (cut.note) result.note = cut.note;
    } else {
      result.cutSeq = cut.seq;
      if (dryRun) {
        result.removedRecords = await records.countDocuments({ chain, seq: { $lte: cut.seq } });
        result.removedCheckpoints = await checkpoints.countDocuments({ chain, seq: { $lt: cut.seq } });
      } else {
        // Checkpoint by checkpoint, oldest first: an interrupted run leaves the chain cut after one of
        // them, which verifies, rather than with holes; running again finishes the job.
        for (const step of usable.filter((cp) => cp.seq <= cut.seq!)) {
          result.removedRecords += (await records.deleteMany({ chain, seq: { $lte: step.seq } })).deletedCount;
        }
        // Records first, then checkpoints: the one at the cut stays, to vouch for the first remaining record.
        result.removedCheckpoints = (await checkpoints.deleteMany({ chain, seq: { $lt: cut.seq } })).deletedCount;
      }
      result.expiredKept = Math.max(0, cut.expired - result.removedRecords);
    }
    report.chains.push(result);
    report.removedRecords += result.removedRecords;
    report.removedCheckpoints += result.removedCheckpoints;
    onProgress?.(result);
  }
  return report;
}

interface Cut {
  seq?: number;
  expired: number;
  note?: string;
}

/**
 * The newest usable checkpoint before the chain's first record still within
 * retention, if the stored records agree with it: the record at its seq has its
 * hash and the next record names it. A chain that does not is left for verify
 * to report rather than cut past what may be evidence of tampering.
 */
async function findCut(records: Collection<AuditRecord>, chain: string, usable: readonly Checkpoint[], cutoff: Date): Promise<Cut> {
  const wanted = new Set(usable.flatMap((cp) => [cp.seq, cp.seq + 1]));
  const seen = new Map<number, { hash: unknown; prev: unknown }>();
  let expired = 0;
  let firstKept = Infinity;
  let lastSeq = -1;
  let firstSeq = Infinity;
  for await (const r of records.find({ chain }, { projection: { seq: 1, at: 1, hash: 1, prev: 1 }, batchSize: 1000 })) {
    const seq = r.seq;
    if (!Number.isSafeInteger(seq)) continue; // no position: verify reports it
    if (isBefore(r.at, cutoff)) expired++;
    else firstKept = Math.min(firstKept, seq);
    lastSeq = Math.max(lastSeq, seq);
    firstSeq = Math.min(firstSeq, seq);
    if (wanted.has(seq)) seen.set(seq, { hash: r.hash, prev: r.prev });
  }
  if (expired === 0) return { expired };
  const candidate = [...usable].reverse().find((cp) => cp.seq < firstKept && cp.seq >= firstSeq && cp.seq <= lastSeq);
  if (!candidate)
    return { expired, note: 'no checkpoint signed before the cutoff follows only expired records: nothing can be cut verifiably' };
  const atCut = seen.get(candidate.seq);
  const after = seen.get(candidate.seq + 1);
  if (atCut?.hash !== candidate.hash || (candidate.seq < lastSeq && after?.prev !== candidate.hash))
    return { expired, note: `the records around checkpoint ${candidate._id} do not match it: run verify; nothing was removed` };
  return { seq: candidate.seq, expired };
}
