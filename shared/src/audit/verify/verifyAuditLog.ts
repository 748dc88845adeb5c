import type { Db } from 'mongodb';
import type { JWK } from 'jose';
import { checkpointKeys } from '../checkpoints/verifyCheckpoint.js';
import { auditCollections, type AuditRecord, type Checkpoint } from '../records.js';
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
  now?: Date;
  /** Called after each chain, for a long run's progress. */
  onProgress?: (progress: { chain: ChainReport; chainsDone: number; chainsTotal: number }) => void;
}

/**
 * Reads the whole audit trail, one chain at a time, and verifies each. An
 * offline job: each chain is read by equality on `chain` (served by its index;
 * FerretDB cannot sort from an index, so ordering happens in memory) and held
 * as compact entries, about 300 bytes a record of the largest chain.
 */
export async function verifyAuditLog(options: VerifyAuditLogOptions): Promise<AuditLogReport> {
  const { db, onProgress } = options;
  const keys = checkpointKeys(options.publicKeys);
  const cutoff = options.retentionDays === undefined ? undefined : retentionCutoff(options.now ?? new Date(), options.retentionDays);
  const records = db.collection<AuditRecord>(auditCollections.records);
  const checkpoints = db.collection<Checkpoint>(auditCollections.checkpoints);
  // A chain with checkpoints but no records left (a whole-chain removal cut short, or a chain an
  // earlier archival cut through its last record) is listed too, as archiveExpired lists it.
  const names = new Set<string>([...(await records.distinct('chain')), ...(await checkpoints.distinct('chain'))]);
  const chains = [...names].sort();

  const reports: ChainReport[] = [];
  for (const chain of chains) {
    const report = await verifyChain({
      chain,
      records: records.find({ chain }, { batchSize: 1000 }),
      checkpoints: await checkpoints.find({ chain }).toArray(),
      keys,
      ...(cutoff ? { retentionCutoff: cutoff } : {}),
    });
    reports.push(report);
    onProgress?.({ chain: report, chainsDone: reports.length, chainsTotal: chains.length });
  }
  const problems = reports.flatMap((r) => r.problems);
  return { ok: problems.length === 0, chains: reports, problems };
}
