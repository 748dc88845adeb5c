import type { Collection, WriteConcernSettings } from 'mongodb';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { hashRecord } from '../hashRecord.js';
import { DEFAULT_WRITE_TIMEOUT_MS } from '../auditSettings.js';
import { auditWriteFailures, observeAuditBatch } from '../../telemetry/metrics.js';
import { recordIdOf, type AuditReceipt, type AuditRecord, type AuditRecordBody } from '../records.js';

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditWriterOptions {
  collection: Collection<AuditRecord>;
  /**
   * This writer's chain, `<service>:<instance id>`: one per process, so writers
   * never wait for each other. After a failure that leaves the chain's end
   * uncertain, the writer goes on in a new chain, `<chain>/<n>`, rather than risk
   * a fork.
   */
  chain: string;
  /** Default `{ w: 'majority', j: true }`: acknowledged only once journaled (AUDIT_WRITE_CONCERN to change). */
  writeConcern?: WriteConcernSettings;
  /** Most records in one insert; default 1,000. */
  maxBatch?: number;
  /** Told the new head after every committed batch (the checkpointer listens). */
  onCommitted?: (head: ChainHead) => void;
  /**
   * Longest wait for a record to be stored (AUDIT_WRITE_TIMEOUT_MS, default 5 s): after it, `append` rejects
   * and the caller fails its request closed. A record still queued then is never written; one already in an
   * insert that the store is slow to acknowledge may still land.
   */
  timeoutMs?: number;
  /**
   * Told the ids of records that were stored after their caller had given up on them (their requests failed
   * closed with AUDIT_UNAVAILABLE): they say more was released than was. For the operational log.
   */
  onLate?: (ids: string[]) => void;
  now?: () => Date;
}

export interface AuditWriter {
  /** The chain records go to now. */
  readonly chain: string;
  /**
   * Resolves with the record's receipt once it is durably stored; rejects when it could not be, or not within
   * `timeoutMs`, and the caller must then release nothing.
   */
  append(body: AuditRecordBody): Promise<AuditReceipt>;
  /** Waits for what is queued. */
  drain(): Promise<void>;
}

interface Pending {
  body: AuditRecordBody;
  resolve: (receipt: AuditReceipt) => void;
  reject: (error: Error) => void;
  /** Its caller stopped waiting (timeout): it is taken out of the queue, or, already sent, reported if it lands. */
  abandoned: boolean;
}

export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The audit store could not record the request.', { cause });
    this.name = 'AuditUnavailableError';
  }
}

/**
 * Appends records to this process's hash chain with group commit: records of
 * concurrent requests that arrive while a write is in flight go together in the
 * next insert, so throughput does not pay one round trip per request. One
 * insert at a time keeps the chain linear.
 *
 * Idempotent: a record's `_id` is its request id (and source); a record that is
 * already stored is not written again. After a failed insert the writer finds
 * out from the store which records of the batch did arrive (an ordered insert
 * stores a prefix), continues the chain from the last of them, and rejects the
 * rest: their requests release nothing.
 */
export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const { collection } = options;
  let chain = options.chain;
  let generation = 0;
  const writeConcern = options.writeConcern ?? { w: 'majority', j: true };
  const maxBatch = options.maxBatch ?? 1000;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  let head: ChainHead | null = null;
  let queue: Pending[] = [];
  let flushing: Promise<void> | null = null;

  function chainDocs(batch: Pending[]): AuditRecord[] {
    let previous = head;
    return batch.map(({ body }) => {
      const unsigned = {
        ...body,
        _id: recordIdOf(body),
        chain,
        seq: previous ? previous.seq + 1 : 0,
        prev: previous?.hash ?? null,
        at: now().toISOString(),
      };
      const record = { ...unsigned, hash: hashRecord(unsigned as Omit<AuditRecord, 'hash'>) } as AuditRecord;
      previous = { seq: record.seq, hash: record.hash };
      return record;
    });
  }

  /** How many records of `docs` (a prefix, for an ordered insert) are in the store, by equality on `_id`. */
  async function storedPrefix(docs: AuditRecord[]): Promise<number> {
    let stored = 0;
    for (const doc of docs) {
      const found = await collection.findOne({ _id: doc._id, chain, seq: doc.seq }, { projection: { _id: 1 } });
      if (!found) break;
      stored++;
    }
    return stored;
  }

  async function flushOnce(): Promise<void> {
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    const docs = chainDocs(batch);
    const started = performance.now();
    try {
      await collection.insertMany(docs, { ordered: true, writeConcern });
      observeAuditBatch(docs.length, (performance.now() - started) / 1000, true);
      commit(docs, batch, docs.length);
    } catch (error) {
      observeAuditBatch(docs.length, (performance.now() - started) / 1000, false);
      await recover(error, docs, batch);
    }
  }

  function commit(docs: AuditRecord[], batch: Pending[], count: number): void {
    if (count === 0) return;
    const last = docs[count - 1]!;
    head = { seq: last.seq, hash: last.hash };
    options.onCommitted?.(head);
    const late: string[] = [];
    for (let i = 0; i < count; i++) {
      const { _id, chain: stored, seq, hash } = docs[i]!;
      if (batch[i]!.abandoned) late.push(_id);
      else batch[i]!.resolve({ id: _id, chain: stored, seq, hash });
    }
    if (late.length > 0) options.onLate?.(late);
  }

  /** The receipt of a record that was already stored (a retried write): read back, by `_id`. */
  async function storedReceipt(id: string): Promise<AuditReceipt> {
    const found = await collection.findOne({ _id: id }, { projection: { chain: 1, seq: 1, hash: 1 } });
    if (!found) throw new Error('a record reported as already stored could not be read back');
    return { id, chain: found.chain, seq: found.seq, hash: found.hash };
  }

  async function recover(error: unknown, docs: AuditRecord[], batch: Pending[]): Promise<void> {
    const duplicateAt = duplicateKeyIndex(error);
    if (duplicateAt !== undefined) {
      // A prefix went in, then a record that is already stored (a retried request): it is
      // recorded, so its caller may go on; the records after it are chained again.
      commit(docs, batch, duplicateAt);
      const duplicate = batch[duplicateAt]!;
      await storedReceipt(docs[duplicateAt]!._id).then(duplicate.resolve, (e: unknown) => duplicate.reject(new AuditUnavailableError(e)));
      queue = [...batch.slice(duplicateAt + 1).filter((p) => !p.abandoned), ...queue];
      return;
    }
    let stored = 0;
    try {
      stored = await storedPrefix(docs);
      commit(docs, batch, stored);
    } catch {
      // The store cannot tell us where the chain ends: continue in a new chain, so
      // that whatever did arrive stays a valid end of the old one.
      generation += 1;
      chain = `${options.chain}/${generation}`;
      head = null;
    }
    const failure = new AuditUnavailableError(error);
    for (let i = stored; i < batch.length; i++) batch[i]!.reject(failure);
  }

  function schedule(): void {
    if (flushing) return;
    flushing = (async () => {
      // Let the requests of this turn of the event loop join the batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) await flushOnce();
      flushing = null;
    })();
  }

  return {
    get chain() {
      return chain;
    },
    append(body) {
      return new Promise<AuditReceipt>((resolve, reject) => {
        const pending: Pending = {
          body,
          abandoned: false,
          resolve: (receipt) => {
            clearTimeout(timer);
            resolve(receipt);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          pending.abandoned = true;
          auditWriteFailures.inc({ reason: 'timeout' });
          // Not sent yet: it never will be. Sent: it may still land, and is then reported by onLate.
          const queued = queue.indexOf(pending);
          if (queued >= 0) queue.splice(queued, 1);
          reject(new AuditUnavailableError(new Error(`the audit store did not acknowledge the record within ${timeoutMs} ms`)));
        }, timeoutMs);
        queue.push(pending);
        schedule();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}

function duplicateKeyIndex(error: unknown): number | undefined {
  if (error instanceof MongoBulkWriteError) {
    const first = error.writeErrors instanceof Array ? error.writeErrors[0] : error.writeErrors;
    if (first && first.code === 11000) return first.index;
    return undefined;
  }
  if (error instanceof MongoServerError && error.code === 11000) return 0;
  return undefined;
}
