import { randomUUID } from 'node:crypto';
import type { Collection, MongoClient, WriteConcernSettings } from 'mongodb';
import { createLogger, describeError } from '../logger.js';
import { connectMongo } from '../mongo/connectMongo.js';
import { AUDIT_DATABASE, auditCollections, type AuditRecord, type AuditRecordBody } from './records.js';
import { AuditUnavailableError, createAuditWriter, type AuditWriter } from './writer/createAuditWriter.js';
import {
  auditCheckpointIntervalMsFromEnv,
  auditWitnessFileFromEnv,
  auditWriteTimeoutMsFromEnv,
  DEFAULT_WRITE_TIMEOUT_MS,
} from './auditSettings.js';
import { auditSigningKeyFromEnv } from './checkpoints/auditKeys.js';
import { readSettings, setting } from '../config/readSettings.js';
import { createCheckpointer, type Checkpointer } from './checkpoints/createCheckpointer.js';
import { createCheckpointSigner } from './checkpoints/createCheckpointSigner.js';
import { openFileWitness, type CheckpointWitness } from './checkpoints/fileWitness.js';
import { utcDay } from './verify/retention.js';
import type { JWK } from 'jose';

export interface StoredDocument {
  /** SHA-256 of the document. */
  _id: string;
  document: string;
  /**
   * The last UTC day a request used it (documents stored before this field existed have none, and
   * are kept). Archival removes the document once this day is past retention and no record left names it.
   */
  lastUsedDay?: string;
}

/** A process's handle on the audit store. */
export interface AuditTrail {
  writer: AuditWriter;
  /** Records a request's GraphQL document once per hash, and the day it was used; resolves when stored, rejects after the write timeout. */
  rememberDocument(hash: string, document: string): Promise<void>;
  /** Waits for queued records, and signs the chain's closing checkpoint. */
  close(): Promise<void>;
}

const KNOWN_DOCUMENTS_MAX = 10_000;

export function createAuditTrail(options: {
  client: MongoClient;
  service: string;
  writeConcern?: WriteConcernSettings;
  database?: string;
  /** The Ed25519 key that signs this writer's chain checkpoints; without one, no checkpoints (tests only). */
  signingKey?: JWK;
  /** Longest time a committed record waits for a checkpoint (AUDIT_CHECKPOINT_INTERVAL_MS). */
  checkpointIntervalMs?: number;
  /** Where checkpoints are kept outside the database as well (AUDIT_WITNESS_FILE); closed with the trail. */
  witness?: CheckpointWitness;
  /** Longest wait for a write before the request fails closed (AUDIT_WRITE_TIMEOUT_MS). */
  writeTimeoutMs?: number;
  onCheckpointError?: (error: unknown) => void;
  /** Records stored after their request had failed closed (see AuditWriterOptions.onLate). */
  onLate?: (ids: string[]) => void;
  /** The clock of the records and of the documents' last use; for tests. */
  now?: () => Date;
}): AuditTrail {
  const now = options.now ?? (() => new Date());
  const db = options.client.db(options.database ?? AUDIT_DATABASE);
  const records = db.collection<AuditRecord>(auditCollections.records);
  const documents: Collection<StoredDocument> = db.collection<StoredDocument>(auditCollections.documents);
  const chain = `${options.service}:${randomUUID()}`;
  let checkpointer: Checkpointer | undefined;
  const writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  const writer = createAuditWriter({
    collection: records,
    chain,
    now,
    timeoutMs: writeTimeoutMs,
    ...(options.onLate ? { onLate: options.onLate } : {}),
    ...(options.writeConcern ? { writeConcern: options.writeConcern } : {}),
    // The writer moves to a new chain after an uncertain failure: name it, so the old one's head is signed.
    onCommitted: (head) =>
      void checkpointer?.committed({ ...head, chain: writer.chain }).catch((e: unknown) => options.onCheckpointError?.(e)),
  });
  if (options.signingKey) {
    checkpointer = createCheckpointer({
      collection: db.collection(auditCollections.checkpoints),
      signer: createCheckpointSigner({ privateJwk: options.signingKey }),
      chain,
      ...(options.checkpointIntervalMs !== undefined ? { everyMs: options.checkpointIntervalMs } : {}),
      ...(options.witness ? { witness: options.witness } : {}),
      ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
    });
  }
  // Most partners send the same few documents: write each once a day per process, the hash and the day it was
  // written for. $max, not $set: another process's clock a little behind never moves the day back.
  const known = new Map<string, string>();
  return {
    writer,
    async rememberDocument(hash, document) {
      const day = utcDay(now());
      if (known.get(hash) === day) return;
      await withinTimeout(
        documents.updateOne(
          { _id: hash },
          { $setOnInsert: { document }, $max: { lastUsedDay: day } },
          { upsert: true, writeConcern: options.writeConcern ?? { w: 'majority', j: true } },
        ),
        writeTimeoutMs,
      );
      if (known.size >= KNOWN_DOCUMENTS_MAX) known.clear();
      known.set(hash, day);
    },
    async close() {
      await writer.drain();
      try {
        await checkpointer?.close();
      } finally {
        await options.witness?.close();
      }
    },
  };
}

/** The write, or AUDIT_UNAVAILABLE once `ms` have passed (the write itself may still complete). */
function withinTimeout<T>(write: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuditUnavailableError(new Error(`the audit store did not acknowledge within ${ms} ms`))), ms);
  });
  write.catch(() => {}); // a write that fails after the timeout was already answered for
  return Promise.race([write, late]).finally(() => clearTimeout(timer));
}

/**
 * AUDIT_WRITE_CONCERN: `journaled` (default: acknowledged by a majority, in
 * the journal) or `acknowledged` (w: 1, for an embedded single-node server whose
 * durability the operator accepts). Anything weaker is refused by the settings
 * schema: an audit record that may be lost is no audit record.
 */
export function auditWriteConcernFromEnv(env: NodeJS.ProcessEnv = process.env): WriteConcernSettings {
  return setting('AUDIT_WRITE_CONCERN', env) === 'journaled' ? { w: 'majority', j: true } : { w: 1, j: true };
}

/** The audit store's connection: AUDIT_MONGODB_URI, or the process's MONGODB_URI. */
export async function auditTrailFromEnv(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ trail: AuditTrail; client: MongoClient; close(): Promise<void> }> {
  const s = readSettings(['AUDIT_MONGODB_URI', 'MONGODB_URI'], env);
  const uri = s.AUDIT_MONGODB_URI ?? s.MONGODB_URI;
  if (!uri) throw new Error('The audit store needs AUDIT_MONGODB_URI or MONGODB_URI.');
  // Settings and keys first: a mistake, or a development key, stops the start before anything is opened.
  // A process that records releases must sign its chain's checkpoints: AUDIT_SIGNING_KEY is required.
  const signingKey = auditSigningKeyFromEnv(env);
  const writeConcern = auditWriteConcernFromEnv(env);
  const checkpointIntervalMs = auditCheckpointIntervalMsFromEnv(env);
  const writeTimeoutMs = auditWriteTimeoutMsFromEnv(env);
  const witnessFile = auditWitnessFileFromEnv(env);
  const logger = createLogger(service);
  const witness = witnessFile ? await openFileWitness(witnessFile) : undefined;
  if (!witness) logger.warn('AUDIT_WITNESS_FILE is not set: checkpoints are kept in the audit database only');
  const client = await connectMongo(uri, `crossroads-${service}-audit`);
  const trail = createAuditTrail({
    client,
    service,
    writeConcern,
    signingKey,
    checkpointIntervalMs,
    writeTimeoutMs,
    ...(witness ? { witness } : {}),
    // Retried by the checkpointer; logged so that an operator sees records waiting unsigned.
    onCheckpointError: (error) => logger.error(describeError(error), 'audit checkpoint not written; retrying'),
    onLate: (ids) =>
      logger.warn(
        { records: ids.length, requestIds: ids.map((id) => id.split(':')[1]) },
        'audit records stored after their requests had failed closed: they record releases that did not happen',
      ),
  });
  return {
    trail,
    // The audit store's connection, for the process's readiness probe and pool metrics.
    client,
    async close() {
      await trail.close();
      await client.close();
    },
  };
}

export type { AuditRecordBody };
