import type { AuditStore } from './auditStore.js';
import type { ListingCache } from './listingCache.js';
import { toAuditedRequest, type AuditedRequestView } from './query/auditedRequest.js';
import { belgianDayOf } from './query/belgianDay.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './query/cursor.js';
import { checkDayRange, daysBetween, recordDay } from './query/dayRange.js';
import { addRecord, groupByRequest, oldestFirst, type RequestGroup } from './query/groupRequests.js';
import { pageAfter } from './query/pageAfter.js';
import { checkPageSize } from './query/pageSize.js';
import { recordedBy, walkUntil } from './query/snapshot.js';

export interface LogArguments {
  from: string;
  to: string;
  first?: number | null;
  after?: string | null;
}

export interface RequestPage {
  requests: AuditedRequestView[];
  nextCursor: string | null;
}

/**
 * Every request one partner made between two Belgian days, oldest first, with
 * what each source released for it. Day by day: one lookup of `partnerDay` per
 * day, ordered in memory; a page stops as soon as it is full and one more
 * request is known to follow, so a page reads the days it spans and at most
 * the next day that has a request. With a `cache`, the next pages of a walk
 * take the days it read from there.
 */
export async function auditLogOfPartner(
  store: AuditStore,
  partner: string,
  args: LogArguments,
  cache?: ListingCache,
): Promise<RequestPage> {
  checkDayRange('auditLogOfPartner', args.from, args.to);
  const size = checkPageSize(args.first);
  const fingerprint = queryFingerprint('auditLogOfPartner', partner, args.from, args.to);
  const position = args.after == null ? null : decodeCursor(args.after, fingerprint, args);
  const until = walkUntil(position);
  const page: { day: string; group: RequestGroup }[] = [];
  for (const day of daysBetween(position?.day ?? args.from, args.to)) {
    const read = async () => recordedBy(await requestsListedOn(store, partner, day, args), until);
    const listed = cache ? await cache.get(JSON.stringify([partner, day, args.from, args.to, until]), read, recordsIn) : await read();
    const { items } = pageAfter(listed, position?.day === day ? position : null, Infinity, oldestFirst);
    for (const group of items) {
      if (page.length === size) {
        const { day: lastDay, group: last } = page.at(-1)!;
        const nextCursor = encodeCursor(fingerprint, { day: lastDay, at: last.at, requestId: last.requestId, until });
        return { requests: page.map((p) => toAuditedRequest(p.group)), nextCursor };
      }
      page.push({ day, group });
    }
  }
  return { requests: page.map((p) => toAuditedRequest(p.group)), nextCursor: null };
}

function recordsIn(groups: RequestGroup[]): number {
  return groups.reduce((sum, g) => sum + g.releases.length + (g.request ? 1 : 0), 0);
}

/**
 * The requests a partner-day lists, oldest first. A request is listed on the
 * day its gateway record names (the day it started), its releases wherever
 * the sources recorded them: a request that runs past midnight has releases
 * under the next day's `partnerDay`. Such requests are rare, and each costs one
 * more lookup of `requestId`; what is read for every request is only the
 * day's one lookup.
 */
async function requestsListedOn(
  store: AuditStore,
  partner: string,
  day: string,
  range: { from: string; to: string },
): Promise<RequestGroup[]> {
  const groups = groupByRequest(await store.ofPartnerDay(`${partner}|${day}`));
  const recorded = groups.filter((g) => g.request !== null);
  const orphans = groups.filter((g) => g.request === null);
  const listed = [...recorded];

  // Requests of this day that ended after midnight: some of their releases may be under the next day.
  const late = new Map(recorded.filter((g) => belgianDayOf(g.request!.at) !== day).map((g) => [g.requestId, g]));
  if (late.size > 0) {
    for (const record of await store.recordsOf([...late.keys()])) addRecord(late.get(record.requestId)!, record);
  }

  // Releases without their request on this day: it started the day before, or the gateway never recorded it.
  const requests = orphans.length > 0 ? await store.requestRecords(orphans.map((g) => g.requestId)) : [];
  orphans.forEach((group, i) => {
    const request = requests[i];
    if (request) {
      const requestDay = recordDay(request);
      // Listed, with these releases, on its own day when the range includes it.
      if (range.from <= requestDay && requestDay <= range.to) return;
      addRecord(group, request);
    }
    listed.push(group);
  });
  return listed.sort(oldestFirst);
}
