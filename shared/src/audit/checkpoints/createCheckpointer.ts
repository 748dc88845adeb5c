import type { Collection } from 'mongodb';
import { DEFAULT_CHECKPOINT_INTERVAL_MS } from '../auditSettings.js';
import type { Checkpoint } from '../records.js';
import type { CheckpointSigner } from './createCheckpointSigner.js';
import type { CheckpointWitness } from './fileWitness.js';

/**
 * The last record a batch committed: the writer's ChainHead, and the chain it
 * went to when the writer may have changed chains.
 */
export interface CommittedHead {
  seq: number;
  hash: string;
  chain?: string;
}

type Head = Omit<CommittedHead, 'chain'>;

export interface CheckpointerOptions {
  collection: Collection<Checkpoint>;
  signer: CheckpointSigner;
  /** The writer's chain; a head given with another `chain` moves the checkpointer to that one. */
  chain: string;
  /** Checkpoint once this many records were appended since the last checkpoint. */
  everyRecords?: number;
  /**
   * And at most this long after the last one while records are waiting
   * (AUDIT_CHECKPOINT_INTERVAL_MS, default 5 s): the records after the newest
   * checkpoint can be cut off unnoticed, so this bounds how much a crash or an
   * intruder can make disappear.
   */
  everyMs?: number;
  /** Where every checkpoint is also kept, outside the audit database; written before the database. */
  witness?: CheckpointWitness;
  /** For tests; default Date.now. */
  now?: () => number;
  /** Failures of checkpoints written by the timer, which no caller awaits; they are retried either way. */
  onError?: (error: unknown) => void;
}

export interface Checkpointer {
  /**
   * Call after each committed batch; resolves once a checkpoint due now is
   * stored, rejects if storing it failed (it is retried later). With `chain`,
   * when the writer went on in a new chain: the old one's last head is
   * checkpointed and counting starts afresh in the new one.
   */
  committed(head: CommittedHead): Promise<void>;
  /**
   * Signs a closing checkpoint of the last head (`closing: true`, even when that head is signed already),
   * so that a clean shutdown leaves nothing unsigned and verify can tell this chain's end from a crash or a cut.
   */
  close(): Promise<void>;
}

const DUPLICATE_KEY = 11000;
const RETRY_MS = 5_000;
/** setTimeout fires at once for anything longer (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface ChainState {
  chain: string;
  lastSeq: number;
  lastAt: number;
  pending?: Head;
  /** The newest head signed. */
  signed?: Head;
}

export function createCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { collection, signer, everyRecords = 1000, everyMs = DEFAULT_CHECKPOINT_INTERVAL_MS, now = Date.now, onError = () => {} } = options;
  if (!Number.isSafeInteger(everyRecords) || everyRecords < 1) throw new RangeError('everyRecords must be a whole number, at least 1.');
  if (!(everyMs > 0)) throw new RangeError('everyMs must be a positive number of milliseconds.');

  const fresh = (chain: string): ChainState => ({ chain, lastSeq: -1, lastAt: now() });
  let state = fresh(options.chain);
  // Chains the writer left whose last head is not signed yet (a failed write): retried with the current one.
  let retired: ChainState[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let failedAt: number | undefined;
  // One write at a time, in order: a checkpoint never overtakes a later one.
  let writing: Promise<void> = Promise.resolve();

  const due = (s: ChainState, head: Head): boolean => head.seq - s.lastSeq >= everyRecords || now() - s.lastAt >= everyMs;

  const flush = (s: ChainState, closing = false): Promise<void> => {
    const run = writing.then(async () => {
      const head = s.pending ?? (closing ? s.signed : undefined);
      if (!head || (!closing && head.seq <= s.lastSeq)) return;
      const at = now();
      const checkpoint = signer.sign({
        chain: s.chain,
        seq: head.seq,
        hash: head.hash,
        at: new Date(at).toISOString(),
        ...(closing ? { closing: true as const } : {}),
      });
      // The witness first: a checkpoint the database lost is still witnessed; one the witness lost is retried.
      await options.witness?.append(checkpoint);
      try {
        await collection.insertOne(checkpoint);
      } catch (error) {
        // Same _id: a retry of a checkpoint that did reach the database.
        if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      }
      s.lastSeq = head.seq;
      s.signed = head;
      s.lastAt = at;
      failedAt = undefined;
      if (s.pending === head) delete s.pending;
    });
    // A failed write must not block the next one; the caller still sees the failure.
    writing = run.catch(() => {
      failedAt = now();
    });
    return run.finally(schedule);
  };

  /** The chains the writer left, then the current one (with a closing checkpoint when `closing`). */
  const flushAll = async (closing = false): Promise<void> => {
    const leftovers = retired;
    retired = [];
    const results = await Promise.allSettled([...leftovers.map((s) => flush(s)), flush(state, closing)]);
    retired.push(...leftovers.filter((s) => s.pending));
    schedule();
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  };

  function schedule(): void {
    const head = state.pending;
    if (closed || timer || (!head && retired.length === 0)) return;
    // After a failure (of a checkpoint that was due), retry a little later, so that a database that is down is not hammered.
    const delay =
      failedAt !== undefined
        ? failedAt + Math.min(everyMs, RETRY_MS) - now()
        : retired.length > 0 || (head && due(state, head))
          ? 0
          : state.lastAt + everyMs - now();
    timer = setTimeout(
      () => {
        timer = undefined;
        // Woken early (a delay beyond what setTimeout takes was cut short): wait on.
        const early = failedAt === undefined && retired.length === 0 && state.pending && !due(state, state.pending);
        if (early) schedule();
        else flushAll().catch(onError);
      },
      Math.min(Math.max(0, delay), MAX_TIMEOUT_MS),
    );
    // A quiet writer must still be able to exit; close() checkpoints what is left.
    timer.unref();
  }

  function clearTimer(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  return {
    async committed({ chain, seq, hash }) {
      if (closed) throw new Error(`The checkpointer of chain ${state.chain} is closed.`);
      if (chain !== undefined && chain !== state.chain) {
        // The old chain ends here: its last head is signed now, whatever the counts say.
        retired.push(state);
        state = fresh(chain);
        state.pending = { seq, hash };
        clearTimer();
        await flushAll();
        return;
      }
      if (seq <= state.lastSeq || (state.pending && seq <= state.pending.seq)) return;
      state.pending = { seq, hash };
      if (due(state, state.pending)) {
        clearTimer();
        await flush(state);
      } else {
        schedule();
      }
    },
    async close() {
      closed = true;
      clearTimer();
      // The chains the writer left after a failed write get no closing checkpoint: it went on in another chain.
      await flushAll(true);
    },
  };
}
