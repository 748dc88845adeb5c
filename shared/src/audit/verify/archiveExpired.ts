import type { Collection, Db } from 'mongodb';
import type { JWK } from 'jose';
import { checkpointKeys, verifyCheckpoint, type CheckpointKeys } from '../checkpoints/verifyCheckpoint.js';
import type { StoredDocument } from '../auditTrail.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../records.js';
import { DEFAULT_RETENTION_DAYS, documentCutoffDay, isBefore, retentionCutoff } from './retention.js';
import { planWholeChainRemoval, type RemovalStep } from './wholeChain.js';
import { readWitness } from '../checkpoints/fileWitness.js';

export interface ArchiveExpiredOptions {
  db: Db;
  retentionDays?: number;
  now?: Date;
  /** When given, only checkpoints these keys signed can mark a cut (what verify will accept). */
  publicKeys?: readonly JWK[];
  /** Work out and report the cuts without removing anything. */
  dryRun?: boolean;
  /** The witness files verify reads (AUDIT_WITNESS_FILE): a chain goes whole only once its witnessed checkpoints are past retention too. */
  witnessFiles?: readonly string[];
  onProgress?: (chain: ChainArchive) => void;
}

export interface ChainArchive {
  chain: string;
  /**
   * The checkpointed seq the chain was cut at (records up to it removed); for a chain removed whole,
   * its last seq; null when it was left alone.
   */
  cutSeq: number | null;
  removedRecords: number;
  removedCheckpoints: number;
  /** Records past retention that stay, because no checkpoint lets the chain be cut after them. */
  expiredKept: number;
  /**
   * Set when every record of the chain was past retention and the chain verified: it was removed whole,
   * records and checkpoints, tail after its newest checkpoint included (dry run: would be).
   */
  removedWhole?: true;
  /** Why the chain was not cut, or not cut further. */
  note?: string;
}

export interface ArchiveReport {
  /** Records made before this were past retention. */
  cutoff: string;
  chains: ChainArchive[];
  removedRecords: number;
  removedCheckpoints: number;
  /** GraphQL documents last used before this UTC day were past retention. */
  documentCutoffDay: string;
  /** Documents past retention that no remaining record names: removed (dry run: would be). */
  removedDocuments: number;
  /** Documents past retention that stay, because a record that stays (expired but not cut) names them. */
  documentsKept: number;
}

/**
 * Removes what is past retention, chain by chain, without breaking
 * verification of what remains: a chain is only ever cut just after a
 * checkpoint (kept, so verify can check the first remaining record's `prev`
 * against it), and only where every record up to it is past retention and the
 * checkpoint was signed before the cutoff (so verify, told the same retention,
 * can tell this cut from a deletion). A chain every record of which is past
 * retention, whose writer is long gone, goes whole instead, records and
 * checkpoints, unsigned tail included (wholeChain.ts): only if it verifies
 * first, and in an order that leaves, after every deletion, a chain verify
 * accepts. A chain that does not verify is left alone for verify to report.
 * Then the GraphQL documents last used before the document cutoff day
 * (retention.ts) that no remaining record names: one that an expired record
 * left uncut still names stays with it. A job: it reads every chain in full.
 *
 * What it relies on: records up to a checkpoint signed before the cutoff were
 * made before it; a record's `at` is covered by its hash, and its hash by the
 * next record's `prev` or a checkpoint, so a record can only become past
 * retention by time passing, not by having its time moved back.
 */
export async function archiveExpired(options: ArchiveExpiredOptions): Promise<ArchiveReport> {
  const { db, retentionDays = DEFAULT_RETENTION_DAYS, now = new Date(), dryRun = false, onProgress } = options;
  const cutoff = retentionCutoff(now, retentionDays);
  const keys = options.publicKeys ? checkpointKeys(options.publicKeys) : undefined;
  const records = db.collection<AuditRecord>(auditCollections.records);
  const checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);

  const documents = db.collection<StoredDocument>(auditCollections.documents);
  const documentCutoff = documentCutoffDay(cutoff);
  // A range, which FerretDB filters after reading every row: a job, over one row per distinct query text.
  const expiredDocuments = new Map(
    (await documents.find({ lastUsedDay: { $lt: documentCutoff } }, { projection: { lastUsedDay: 1 } }).toArray()).map((d) => [
      d._id,
      d.lastUsedDay!,
    ]),
  );
  // Expired documents that a record staying after this run names: a record never outlives its document.
  const stillNamed = new Set<string>();

  const report: ArchiveReport = {
    cutoff: cutoff.toISOString(),
    chains: [],
    removedRecords: 0,
    removedCheckpoints: 0,
    documentCutoffDay: documentCutoff,
    removedDocuments: 0,
    documentsKept: 0,
  };
  // Chains with checkpoints but no records too: a whole-chain removal cut short leaves those, as did
  // archival before chains went whole with their checkpoints; they go once past retention.
  const names = new Set<string>([...(await records.distinct('chain')), ...(await checkpoints.distinct('chain'))]);
  const witnessed = new Map<string, Checkpoint[]>();
  for (const cp of options.witnessFiles ? (await readWitness(options.witnessFiles)).checkpoints : [])
    witnessed.set(cp.chain, [...(witnessed.get(cp.chain) ?? []), cp]);
  const context: ChainContext = { records, checkpoints, cutoff, keys, dryRun, expiredDocuments, witnessed };
  for (const chain of [...names].sort()) {
    const { result, documentsNamed, removedThrough } = await archiveChain(context, chain);
    for (const [hash, seq] of documentsNamed) if (seq > removedThrough) stillNamed.add(hash);
    report.chains.push(result);
    report.removedRecords += result.removedRecords;
    report.removedCheckpoints += result.removedCheckpoints;
    onProgress?.(result);
  }

  // After the records: an interrupted run leaves documents nothing names, which the next run removes.
  for (const [hash, lastUsedDay] of expiredDocuments) {
    if (stillNamed.has(hash)) report.documentsKept++;
    else if (dryRun) report.removedDocuments++;
    // Only if still last used then: a request that used it meanwhile moved its day on, and it stays.
    else report.removedDocuments += (await documents.deleteOne({ _id: hash, lastUsedDay })).deletedCount;
  }
  return report;
}

interface ChainContext {
  records: Collection<AuditRecord>;
  checkpoints: Collection<Checkpoint>;
  cutoff: Date;
  keys: CheckpointKeys | undefined;
  dryRun: boolean;
  expiredDocuments: ReadonlyMap<string, unknown>;
  witnessed: ReadonlyMap<string, readonly Checkpoint[]>;
}

interface ChainOutcome {
  result: ChainArchive;
  /** Expired documents the chain's records name, each with the highest seq naming it. */
  documentsNamed: ReadonlyMap<string, number>;
  /** Records up to this seq are gone (dry run: would be); those after it still name their documents. */
  removedThrough: number;
}

/** One chain: removed whole when every record is past retention and it verifies, else cut at a checkpoint, or left alone. */
async function archiveChain(context: ChainContext, chain: string): Promise<ChainOutcome> {
  const { records, checkpoints, cutoff, keys, dryRun } = context;
  const stored = await checkpoints.find({ chain }).toArray();
  const usable = stored
    .filter((cp) => isBefore(cp.at, cutoff) && (!keys || verifyCheckpoint(cp, keys).valid))
    .sort((a, b) => a.seq - b.seq);
  const cut = await findCut(records, chain, usable, cutoff, context.expiredDocuments);
  const { documentsNamed } = cut;
  const result: ChainArchive = { chain, cutSeq: null, removedRecords: 0, removedCheckpoints: 0, expiredKept: cut.expired };

  let note = cut.note;
  if (cut.stored === cut.expired) {
    // Every record is past retention (or none is left): the whole chain may go, if it verifies.
    const plan = await planWholeChainRemoval({
      chain,
      records: records.find({ chain }, { batchSize: 1000 }),
      checkpoints: stored,
      witnessed: context.witnessed.get(chain) ?? [],
      ...(keys ? { keys } : {}),
      cutoff,
    });
    if (plan.removable) {
      const removed = dryRun
        ? { records: plan.records, checkpoints: plan.checkpoints }
        : await removeWhole(records, checkpoints, chain, plan.steps);
      const whole: ChainArchive = {
        chain,
        cutSeq: plan.lastSeq,
        removedRecords: removed.records,
        removedCheckpoints: removed.checkpoints,
        expiredKept: 0,
        removedWhole: true,
      };
      return { result: whole, documentsNamed, removedThrough: Infinity };
    }
    if (plan.broken) {
      // Evidence of tampering, or a checkpoint that cannot be trusted: nothing of the chain goes.
      result.note = plan.reason;
      return { result, documentsNamed, removedThrough: -1 };
    }
    // Something in it is not past retention yet (a checkpoint signed just after the cutoff): cut as usual.
    if (cut.expired > 0) note = `every record is past retention, but ${plan.reason}: the chain goes whole once that is past too`;
  }

  if (note) result.note = note;
  if (cut.seq === undefined) return { result, documentsNamed, removedThrough: -1 };
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
  return { result, documentsNamed, removedThrough: cut.seq };
}

/** Deletes a chain whole in the order of its plan (wholeChain.ts). */
async function removeWhole(
  records: Collection<AuditRecord>,
  checkpoints: Collection<Checkpoint>,
  chain: string,
  steps: readonly RemovalStep[],
): Promise<{ records: number; checkpoints: number }> {
  const removed = { records: 0, checkpoints: 0 };
  for (const step of steps) {
    if (step.kind === 'cut') removed.records += (await records.deleteMany({ chain, seq: { $lte: step.seq } })).deletedCount;
    else if (step.kind === 'last-record') removed.records += (await records.deleteOne({ _id: step.id, chain, seq: step.seq })).deletedCount;
    // Only those read and checked: one stored since stays, for verify to see.
    else removed.checkpoints += (await checkpoints.deleteMany({ chain, _id: { $in: step.ids } })).deletedCount;
  }
  return removed;
}

interface Cut {
  seq?: number;
  /** Records stored for the chain, positioned or not. */
  stored: number;
  expired: number;
  note?: string;
  /** Of the documents asked about, those the chain's records name, each with the highest seq naming it. */
  documentsNamed: Map<string, number>;
}

/**
 * The newest usable checkpoint before the chain's first record still within
 * retention, if the stored records agree with it: the record at its seq has its
 * hash and the next record names it. A chain that does not is left for verify
 * to report rather than cut past what may be evidence of tampering.
 */
async function findCut(
  records: Collection<AuditRecord>,
  chain: string,
  usable: readonly Checkpoint[],
  cutoff: Date,
  documents: ReadonlyMap<string, unknown>,
): Promise<Cut> {
  const wanted = new Set(usable.flatMap((cp) => [cp.seq, cp.seq + 1]));
  const seen = new Map<number, { hash: unknown; prev: unknown }>();
  const documentsNamed = new Map<string, number>();
  let stored = 0;
  let expired = 0;
  let firstKept = Infinity;
  let lastSeq = -1;
  let firstSeq = Infinity;
  const projection = { seq: 1, at: 1, hash: 1, prev: 1, documentHash: 1 };
  for await (const r of records.find({ chain }, { projection, batchSize: 1000 })) {
    stored++;
    const seq = r.seq;
    const documentHash = 'documentHash' in r ? r.documentHash : null;
    if (typeof documentHash === 'string' && documents.has(documentHash)) {
      // A record with no position is never cut: it names its document for good.
      const at = Number.isSafeInteger(seq) ? seq : Infinity;
      documentsNamed.set(documentHash, Math.max(at, documentsNamed.get(documentHash) ?? -1));
    }
    if (!Number.isSafeInteger(seq)) continue; // no position: verify reports it
    if (isBefore(r.at, cutoff)) expired++;
    else firstKept = Math.min(firstKept, seq);
    lastSeq = Math.max(lastSeq, seq);
    firstSeq = Math.min(firstSeq, seq);
    if (wanted.has(seq)) seen.set(seq, { hash: r.hash, prev: r.prev });
  }
  if (expired === 0) return { stored, expired, documentsNamed };
  const candidate = [...usable].reverse().find((cp) => cp.seq < firstKept && cp.seq >= firstSeq && cp.seq <= lastSeq);
  if (!candidate)
    return {
      stored,
      expired,
      documentsNamed,
      note: 'no checkpoint signed before the cutoff follows only expired records: nothing can be cut verifiably',
    };
  const atCut = seen.get(candidate.seq);
  const after = seen.get(candidate.seq + 1);
  if (atCut?.hash !== candidate.hash || (candidate.seq < lastSeq && after?.prev !== candidate.hash))
    return {
      stored,
      expired,
      documentsNamed,
      note: `the records around checkpoint ${candidate._id} do not match it: run verify; nothing was removed`,
    };
  return { seq: candidate.seq, stored, expired, documentsNamed };
}
