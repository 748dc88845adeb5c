import type { Db } from 'mongodb';
import type { JWK } from 'jose';
import { checkpointKeys } from '../checkpoints/verifyCheckpoint.js';
import { readWitness } from '../checkpoints/fileWitness.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../records.js';
import { ReleaseLedger } from './crossCheck.js';
import type { AuditLogReport, ChainReport } from './report.js';
import { retentionCutoff } from './retention.js';
import { verifyChain } from './verifyChain.js';

export interface VerifyAuditLogOptions {
  /** The audit database (crossroads_audit in production; tests pass their own). */
  db: Db;
  /** Every key whose checkpoints are trusted (AUDIT_PUBLIC_KEYS). */
  publicKeys: readonly JWK[];
  /** The retention archiveExpired uses; when given, a cut it could not have made is reported. */
  retentionDays?: number;
  /**
   * The witness files (AUDIT_WITNESS_FILE, and any rotated ones kept): their checkpoints count as much as the
   * stored ones, so a chain removed from the database with its checkpoints, or its end, is found.
   */
  witnessFiles?: readonly string[];
  /** The writers' AUDIT_CHECKPOINT_INTERVAL_MS, to tell a running writer's unsigned records from a stopped one's. */
  checkpointIntervalMs?: number;
  now?: Date;
  /** Called after each chain, for a long run's progress. */
  onProgress?: (progress: { chain: ChainReport; chainsDone: number; chainsTotal: number }) => void;
}

/**
 * Reads the whole audit trail, one chain at a time, and verifies each; then
 * cross-checks the gateway's request records against the sources' releases
 * (crossCheck.ts). An offline job: each chain is read by equality on `chain`
 * (served by its index; FerretDB cannot sort from an index, so ordering happens
 * in memory) and held as compact entries, about 300 bytes a record of the
 * largest chain, plus about 200 bytes a release and a request for the
 * cross-check.
 */
export async function verifyAuditLog(options: VerifyAuditLogOptions): Promise<AuditLogReport> {
  const { db, onProgress } = options;
  const now = options.now ?? new Date();
  const keys = checkpointKeys(options.publicKeys);
  const cutoff = options.retentionDays === undefined ? undefined : retentionCutoff(now, options.retentionDays);
  const records = db.collection<AuditRecord>(auditCollections.records);
  const checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);
  const witness = options.witnessFiles ? await readWitness(options.witnessFiles) : undefined;
  const witnessed = new Map<string, Checkpoint[]>();
  for (const cp of witness?.checkpoints ?? []) witnessed.set(cp.chain, [...(witnessed.get(cp.chain) ?? []), cp]);

  // A chain with checkpoints but no records left (a whole-chain removal cut short, or a chain an earlier
  // archival cut through its last record) is listed too, as archiveExpired lists it; and so is a chain only
  // the witness still knows.
  const names = new Set<string>([...(await records.distinct('chain')), ...(await checkpoints.distinct('chain')), ...witnessed.keys()]);
  const chains = [...names].sort();

  const ledger = new ReleaseLedger();
  async function* noted(cursor: AsyncIterable<AuditRecord>): AsyncIterable<AuditRecord> {
    for await (const record of cursor) {
      ledger.note(record);
      yield record;
    }
  }

  const reports: ChainReport[] = [];
  for (const chain of chains) {
    const successor = successorOf(chain);
    const report = await verifyChain({
      chain,
      records: noted(records.find({ chain }, { batchSize: 1000 })),
      checkpoints: await checkpoints.find({ chain }).toArray(),
      witnessed: witnessed.get(chain) ?? [],
      keys,
      ...(cutoff ? { retentionCutoff: cutoff } : {}),
      continuedIn: names.has(successor) ? successor : null,
      ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
      now,
    });
    reports.push(report);
    onProgress?.({ chain: report, chainsDone: reports.length, chainsTotal: chains.length });
  }
  const crossCheck = ledger.check(reports, cutoff, now);
  const problems = [...reports.flatMap((r) => r.problems), ...crossCheck.problems];
  return {
    ok: problems.length === 0,
    chains: reports,
    problems,
    unsigned: reports.reduce((sum, r) => sum + r.unsigned, 0),
    crossCheck: crossCheck.report,
    witness: witness
      ? { files: [...options.witnessFiles!], checkpoints: witness.checkpoints.length, unreadable: witness.unreadable }
      : null,
  };
}

/** The chain a writer goes on in after a failed write: `<chain>/1`, then `<chain>/2`, … (createAuditWriter). */
export function successorOf(chain: string): string {
  const match = /^(.*)\/(\d+)$/.exec(chain);
  return match ? `${match[1]}/${Number(match[2]) + 1}` : `${chain}/1`;
}
