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
 * Every request that named one person or released data about them between
 * two Belgian days, oldest first, with the releases that named the person.
 * One lookup of `ssins` reads all of the records that name the person, of any
 * day (there is no range lookup): the sources' releases and the gateway's
 * records of the requests that named them, lookups included. Those outside
 * the range are dropped and the rest ordered in memory. Then every record of
 * the page's requests only, by `requestId`: the gateway's record where the
 * lookup did not find it, and the releases that did not name the person, from
 * which a view tells who was only looked up and what was delivered.
 */
export async function auditLogOfPerson(store: AuditStore, ssin: string, args: LogArguments): Promise<RequestPage> {
  checkDayRange('auditLogOfPerson', args.from, args.to);
  const size = checkPageSize(args.first);
  const fingerprint = queryFingerprint('auditLogOfPerson', ssin, args.from, args.to);
  const position = args.after == null ? null : decodeCursor(args.after, fingerprint);
  const until = walkUntil(position);
  const naming = (await store.recordsNaming(ssin)).filter((r) => args.from <= recordDay(r) && recordDay(r) <= args.to);
  const listed = recordedBy(groupByRequest(naming), until).sort(oldestFirst);
  const { items, more } = pageAfter(listed, position, size, oldestFirst);
  // The cursor is the sort key before the request's other records join the group (it sorts by the records naming the person).
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor(fingerprint, { at: last.at, requestId: last.requestId, until }) : null;
  if (items.length > 0) {
    const byId = new Map(items.map((g) => [g.requestId, g]));
    for (const record of await store.recordsOf(items.map((g) => g.requestId))) {
      const group = byId.get(record.requestId);
      if (group) addRecord(group, record);
    }
  }
  return { requests: items.map((g) => toAuditedRequest(g, (release) => release.ssins.includes(ssin))), nextCursor };
}
