import type { StoredRecord, StoredRelease, StoredRequest } from './storedRecords.js';

/** One request as the trail holds it: the gateway's record of it (if any) and what each source released for it. */
export interface RequestGroup {
  requestId: string;
  request: StoredRequest | null;
  /** Oldest first, one per source. */
  releases: StoredRelease[];
  /** The sort key: when the request's first record was made (a release, usually, before the gateway's record). */
  at: string;
}

/** Groups records by request id; a record read twice (the same `_id`) counts once. Unordered. */
export function groupByRequest(records: Iterable<StoredRecord>): RequestGroup[] {
  const groups = new Map<string, RequestGroup>();
  for (const record of records) {
    let group = groups.get(record.requestId);
    if (!group) {
      group = { requestId: record.requestId, request: null, releases: [], at: record.at };
      groups.set(record.requestId, group);
    }
    addRecord(group, record);
  }
  return [...groups.values()];
}

/** Adds a record to its request's group, keeping the releases ordered and the sort key the earliest time. */
export function addRecord(group: RequestGroup, record: StoredRecord): void {
  if (record.kind === 'request') group.request = record;
  else if (!group.releases.some((r) => r._id === record._id)) {
    group.releases.push(record);
    group.releases.sort((a, b) => compare(a.at, b.at) || compare(a.source, b.source));
  }
  if (record.at < group.at) group.at = record.at;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; the request id breaks ties, so that the order, and so the cursors, never depend on how records were read. */
export function oldestFirst(a: { at: string; requestId: string }, b: { at: string; requestId: string }): number {
  return compare(a.at, b.at) || compare(a.requestId, b.requestId);
}

export function newestFirst(a: { at: string; requestId: string }, b: { at: string; requestId: string }): number {
  return -oldestFirst(a, b);
}
