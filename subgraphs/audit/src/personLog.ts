import type { AuditStore } from './auditStore.js';
import type { LogArguments, RequestPage } from './partnerLog.js';
import { toAuditedRequest } from './query/auditedRequest.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './query/cursor.js';
import { checkDayRange, recordDay } from './query/dayRange.js';
import { addRecord, groupByRequest, oldestFirst } from './query/groupRequests.js';
import { pageAfter } from './query/pageAfter.js';
import { checkPageSize } from './query/pageSize.js';
import { recordedBy, walkUntil } from './query/snapshot.js';

/**
 * Every request that released data about one person between two Belgian
 * days, oldest first, with the releases that named the person. One lookup of
 * `ssins` reads all of the person's releases, of any day (there is no range
 * lookup); those outside the range are dropped and the rest ordered in memory.
 * Then the gateway's records of the page's requests only, by `requestId`.
 */
export async function auditLogOfPerson(store: AuditStore, ssin: string, args: LogArguments): Promise<RequestPage> {
  checkDayRange('auditLogOfPerson', args.from, args.to);
  const size = checkPageSize(args.first);
  const fingerprint = queryFingerprint('auditLogOfPerson', ssin, args.from, args.to);
  const position = args.after == null ? null : decodeCursor(args.after, fingerprint);
  const until = walkUntil(position);
  const releases = (await store.releasesOf(ssin)).filter((r) => args.from <= recordDay(r) && recordDay(r) <= args.to);
  const listed = recordedBy(groupByRequest(releases), until).sort(oldestFirst);
  const { items, more } = pageAfter(listed, position, size, oldestFirst);
  // The cursor is the sort key before the gateway's record joins the group (it sorts by the first release).
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor(fingerprint, { at: last.at, requestId: last.requestId, until }) : null;
  const requests = items.length > 0 ? await store.requestRecords(items.map((g) => g.requestId)) : [];
  items.forEach((group, i) => {
    const request = requests[i];
    if (request) addRecord(group, request);
  });
  return { requests: items.map(toAuditedRequest), nextCursor };
}
