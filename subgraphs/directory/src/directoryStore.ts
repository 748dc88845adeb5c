import {
  DIRECTORY_DATABASE,
  DIRECTORY_PAGE_SIZE,
  directoryCollections,
  directoryEntryId,
  endPeriods,
  findOneEachByKey,
  partnerPageOf,
  registerPeriod,
  type DirectoryCounterDoc,
  type DirectoryEntryDoc,
  type DirectoryPeriod,
  type ServerKind,
} from '@crossroads/shared';
import { MongoBulkWriteError, type Collection, type Db, type MongoClient } from 'mongodb';

export type ChangeStatus = 'CREATED' | 'EXTENDED' | 'UNCHANGED' | 'ENDED' | 'NOT_FOLLOWED';

export interface Change {
  ssin: string;
  status: ChangeStatus;
  periods: readonly DirectoryPeriod[];
}

/** Who makes a change, and when: recorded on the periods it creates or ends. */
export interface Author {
  partnerId: string;
  at: string;
}

export interface DirectoryStore {
  /** Registers a period for each SSIN (distinct, valid); one result per SSIN, in order. */
  register(
    partnerId: string,
    capacity: string,
    period: { from: string; until: string | null },
    ssins: readonly string[],
    author: Author,
  ): Promise<Change[]>;
  /** Ends each SSIN's file in the capacity on `lastDay`; one result per SSIN, in order. */
  end(partnerId: string, capacity: string, lastDay: string, ssins: readonly string[], author: Author): Promise<Change[]>;
  /** The partner's entries after `after` (a seq), in registration order: at most `first`, and the last seq read. */
  list(
    partnerId: string,
    capacity: string | null,
    first: number,
    afterSeq: number,
  ): Promise<{ entries: DirectoryEntryDoc[]; next: number | null }>;
  /** Every entry naming the person. */
  followedBy(ssin: string): Promise<DirectoryEntryDoc[]>;
  db: Db;
}

/** Ids read or written in one command; what a `$in` of 1,000 SSINs costs elsewhere in the hub. */
const CHUNK = 1000;
/** Optimistic writes that lost a race are read and applied again this many times before the call fails. */
const ATTEMPTS = 5;

/**
 * The reference directory's writes and reads (layout: shared/src/directory).
 * Every change to an entry is one write of that one document, applied only to
 * the version it was computed from: FerretDB has no multi-document
 * transactions, so nothing here ever needs two documents to change together.
 * A new entry's `seq` comes from the partner's counter, reserved for a whole
 * batch with one `$inc`; a crash between the reservation and the insert leaves
 * a gap in `seq`, never a duplicate.
 */
export function createDirectoryStore(client: MongoClient, serverKind: ServerKind): DirectoryStore {
  const db = client.db(DIRECTORY_DATABASE);
  const entries: Collection<DirectoryEntryDoc> = db.collection(directoryCollections.entries);
  const counters: Collection<DirectoryCounterDoc> = db.collection(directoryCollections.counters);

  async function read(ids: readonly string[]): Promise<(DirectoryEntryDoc | null)[]> {
    const found: (DirectoryEntryDoc | null)[] = [];
    for (let i = 0; i < ids.length; i += CHUNK)
      found.push(...(await findOneEachByKey(entries, '_id', ids.slice(i, i + CHUNK), serverKind)));
    return found;
  }

  async function reserve(partnerId: string, count: number): Promise<number> {
    const counter = await counters.findOneAndUpdate(
      { _id: partnerId },
      { $inc: { seq: count } },
      { upsert: true, returnDocument: 'after' },
    );
    return counter!.seq - count;
  }

  /** Inserts new entries; returns the ids another writer inserted first (they are then updated instead). */
  async function insert(docs: DirectoryEntryDoc[]): Promise<Set<string>> {
    const lost = new Set<string>();
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      try {
        await entries.insertMany(chunk, { ordered: false });
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        for (const writeError of errors) {
          if (writeError.code !== 11000) throw error;
          lost.add(chunk[writeError.index]!._id);
        }
      }
    }
    return lost;
  }

  /** Replaces an entry's periods if it is still at the version read; false when another write came first. */
  async function replace(doc: DirectoryEntryDoc, periods: readonly DirectoryPeriod[], at: string): Promise<boolean> {
    const result = await entries.updateOne(
      { _id: doc._id, version: doc.version },
      { $set: { periods: [...periods], updatedAt: at }, $inc: { version: 1 } },
    );
    return result.matchedCount === 1;
  }

  /**
   * Applies `change` to each SSIN's entry: computes it from what is stored,
   * writes it, and for the SSINs whose write lost a race (an entry inserted or
   * updated meanwhile), reads and applies it again.
   */
  async function apply(
    partnerId: string,
    capacity: string,
    ssins: readonly string[],
    at: string,
    change: (existing: DirectoryEntryDoc | null) => { status: ChangeStatus; periods: readonly DirectoryPeriod[] },
  ): Promise<Change[]> {
    const results = new Map<string, Change>();
    let pending = [...ssins];
    for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt++) {
      const docs = await read(pending.map((ssin) => directoryEntryId(partnerId, ssin, capacity)));
      const inserts: DirectoryEntryDoc[] = [];
      const updates: { doc: DirectoryEntryDoc; ssin: string; status: ChangeStatus; periods: readonly DirectoryPeriod[] }[] = [];
      pending.forEach((ssin, i) => {
        const doc = docs[i] ?? null;
        const { status, periods } = change(doc);
        if (status === 'UNCHANGED' || status === 'NOT_FOLLOWED') results.set(ssin, { ssin, status, periods });
        else if (doc) updates.push({ doc, ssin, status, periods });
        else inserts.push(newEntry(partnerId, ssin, capacity, periods, at));
      });
      const retry: string[] = [];
      if (inserts.length > 0) {
        const first = await reserve(partnerId, inserts.length);
        inserts.forEach((doc, i) => Object.assign(doc, { seq: first + i, partnerPage: partnerPageOf(partnerId, first + i) }));
        const lost = await insert(inserts);
        for (const doc of inserts) {
          if (lost.has(doc._id)) retry.push(doc.ssin);
          else results.set(doc.ssin, { ssin: doc.ssin, status: 'CREATED', periods: doc.periods });
        }
      }
      const written = await mapConcurrently(updates, 16, (u) => replace(u.doc, u.periods, at));
      updates.forEach((u, i) => {
        if (written[i]) results.set(u.ssin, { ssin: u.ssin, status: u.status, periods: u.periods });
        else retry.push(u.ssin);
      });
      pending = retry;
    }
    if (pending.length > 0)
      throw new Error(`${pending.length} directory entries kept changing under this write; nothing more was applied to them.`);
    return ssins.map((ssin) => results.get(ssin)!);
  }

  return {
    db,
    register(partnerId, capacity, period, ssins, author) {
      const added: DirectoryPeriod = { ...period, recordedAt: author.at, recordedBy: author.partnerId };
      return apply(partnerId, capacity, ssins, author.at, (doc) => {
        const result = registerPeriod(doc?.periods ?? [], added);
        // An entry whose periods were all withdrawn is registered again as an extension of itself.
        return doc && result.status === 'CREATED' ? { ...result, status: 'EXTENDED' } : result;
      });
    },
    end(partnerId, capacity, lastDay, ssins, author) {
      return apply(partnerId, capacity, ssins, author.at, (doc) => endPeriods(doc?.periods ?? [], lastDay, author.at, author.partnerId));
    },
    async list(partnerId, capacity, first, afterSeq) {
      const counter = await counters.findOne({ _id: partnerId });
      const lastPage = Math.floor(((counter?.seq ?? 0) - 1) / DIRECTORY_PAGE_SIZE);
      const found: DirectoryEntryDoc[] = [];
      // Pages are equality keys: each is one indexed lookup, read in order until `first` entries are found.
      for (let page = Math.floor((afterSeq + 1) / DIRECTORY_PAGE_SIZE); page <= lastPage && found.length < first; page++) {
        const docs = await entries.find({ partnerPage: partnerPageOf(partnerId, page * DIRECTORY_PAGE_SIZE) }).toArray();
        const ordered = docs
          .filter((e) => e.partnerId === partnerId && e.seq > afterSeq && (capacity === null || e.capacity === capacity))
          .sort((a, b) => a.seq - b.seq);
        found.push(...ordered.slice(0, first - found.length));
      }
      // A full page may be the last one: the next call then returns no entry and no cursor.
      return { entries: found, next: found.length === first ? found.at(-1)!.seq : null };
    },
    followedBy: (ssin) => entries.find({ ssin }).toArray(),
  };
}

function newEntry(partnerId: string, ssin: string, capacity: string, periods: readonly DirectoryPeriod[], at: string): DirectoryEntryDoc {
  return {
    _id: directoryEntryId(partnerId, ssin, capacity),
    partnerId,
    ssin,
    capacity,
    seq: -1,
    partnerPage: '',
    periods: [...periods],
    version: 1,
    updatedAt: at,
  };
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
