import { hashRecord } from '../hashRecord.js';
import type { AuditRecord } from '../records.js';

/**
 * What verification keeps of a record: its id, seq and two hex hashes, about
 * 300 bytes; the full record only when its hash does not match, to test
 * whether it was moved.
 */
export interface ChainEntry {
  id: string;
  seq: number;
  prev: string | null;
  hash: string;
  /** Its stored hash is the hash of its content. */
  selfOk: boolean;
  record?: AuditRecord;
}

/** How far a moved record is looked for around where it stands, beyond the places its links point to. */
const MAX_SHIFT = 16;

/** One chain's records, indexed by position and by both ends of their links. */
export class ChainIndex {
  readonly bySeq = new Map<number, ChainEntry[]>();
  /** Records whose seq is no position at all (not a whole number from 0). */
  readonly misplaced: ChainEntry[] = [];
  count = 0;
  private readonly written = new Map<ChainEntry, number | undefined>();
  private sortedSeqs: number[] | undefined;
  private links: { byHash: Map<string, ChainEntry[]>; byPrev: Map<string | null, ChainEntry[]> } | undefined;

  add(record: AuditRecord): void {
    this.count++;
    const selfOk = hashRecord(record) === record.hash;
    const entry: ChainEntry = {
      id: String(record._id),
      seq: record.seq,
      prev: record.prev == null ? null : String(record.prev),
      hash: String(record.hash),
      selfOk,
      ...(selfOk ? {} : { record }),
    };
    if (!Number.isSafeInteger(entry.seq) || entry.seq < 0) {
      this.misplaced.push(entry);
      return;
    }
    push(this.bySeq, entry.seq, entry);
    this.sortedSeqs = undefined;
    this.links = undefined;
  }

  /** Records by their hash. Built on first use: an intact chain never needs it, a broken one only to classify the break. */
  get byHash(): ReadonlyMap<string, ChainEntry[]> {
    return this.linkMaps().byHash;
  }

  /** Records by the hash they name as predecessor. */
  get byPrev(): ReadonlyMap<string | null, ChainEntry[]> {
    return this.linkMaps().byPrev;
  }

  private linkMaps() {
    if (!this.links) {
      const byHash = new Map<string, ChainEntry[]>();
      const byPrev = new Map<string | null, ChainEntry[]>();
      for (const entries of this.bySeq.values()) {
        for (const e of entries) {
          push(byHash, e.hash, e);
          push(byPrev, e.prev, e);
        }
      }
      this.links = { byHash, byPrev };
    }
    return this.links;
  }

  /** Distinct positions, ascending. */
  seqs(): number[] {
    return (this.sortedSeqs ??= [...this.bySeq.keys()].sort((a, b) => a - b));
  }

  at(seq: number): ChainEntry[] {
    return this.bySeq.get(seq) ?? [];
  }

  /**
   * The seq a record was hashed with, when that is not where it stands: its
   * content is intact but it was moved. Tried where its links point (after the
   * record it names, before the record naming it) and a few places around.
   */
  writtenAt(entry: ChainEntry): number | undefined {
    if (entry.selfOk || !entry.record) return undefined;
    if (this.written.has(entry)) return this.written.get(entry);
    const candidates = new Set<number>();
    if (entry.prev === null) candidates.add(0);
    for (const before of this.byHash.get(entry.prev ?? '') ?? []) candidates.add(before.seq + 1);
    for (const after of this.byPrev.get(entry.hash) ?? []) candidates.add(after.seq - 1);
    for (let d = 1; d <= MAX_SHIFT; d++) candidates.add(entry.seq - d).add(entry.seq + d);
    let found: number | undefined;
    for (const seq of candidates) {
      if (seq >= 0 && seq !== entry.seq && hashRecord({ ...entry.record, seq }) === entry.hash) {
        found = seq;
        break;
      }
    }
    this.written.set(entry, found);
    return found;
  }

  /**
   * A record written at `seq` that now stands elsewhere. `prev`, when known, is
   * the hash the record at `seq` should name, which finds it wherever it went.
   */
  movedFrom(seq: number, prev?: string | null): ChainEntry | undefined {
    const near: ChainEntry[] = prev === undefined ? [] : [...(this.byPrev.get(prev) ?? [])];
    for (let d = 1; d <= MAX_SHIFT; d++) near.push(...this.at(seq - d), ...this.at(seq + d));
    return near.find((e) => e.seq !== seq && this.writtenAt(e) === seq);
  }

  /** Whether the chain goes on from this record: a record names it, or a checkpoint at its seq vouches for it. */
  continues(entry: ChainEntry, checkpointHashes: readonly string[]): boolean {
    return (this.byPrev.get(entry.hash)?.length ?? 0) > 0 || checkpointHashes.includes(entry.hash);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
