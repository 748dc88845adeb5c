import type { AuditStore } from './auditStore.js';
import type { LogArguments } from './partnerLog.js';
import { notOwnData } from './query/auditQueryErrors.js';
import { toAccessLogEntries, type AccessLogEntryView } from './query/accessLogEntries.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './query/cursor.js';
import { checkDayRange, recordDay } from './query/dayRange.js';
import { newestFirst } from './query/groupRequests.js';
import { pageAfter } from './query/pageAfter.js';
import { checkPageSize } from './query/pageSize.js';
import { recordedBy, walkUntil } from './query/snapshot.js';

export interface AccessLogPage {
  entries: AccessLogEntryView[];
  nextCursor: string | null;
}

/**
 * A citizen's own access log, newest first: one lookup of `ssins` (all of the
 * person's releases), filtered to the range and ordered in memory. Refused with
 * NOT_OWN_DATA, before anything is read or checked, unless `citizenSsin` — the
 * SSIN of the citizen token the gateway verified — is the one asked for.
 */
export async function accessLogOf(
  store: AuditStore,
  ssin: string,
  args: LogArguments,
  citizenSsin: string | undefined,
  partnerName: (id: string) => string,
): Promise<AccessLogPage> {
  if (citizenSsin === undefined || citizenSsin !== ssin) throw notOwnData();
  checkDayRange('accessLog', args.from, args.to);
  const size = checkPageSize(args.first);
  const fingerprint = queryFingerprint('accessLog', ssin, args.from, args.to);
  const position = args.after == null ? null : decodeCursor(args.after, fingerprint);
  const until = walkUntil(position);
  const releases = (await store.releasesOf(ssin)).filter((r) => args.from <= recordDay(r) && recordDay(r) <= args.to);
  const entries = recordedBy(toAccessLogEntries(releases, partnerName), until).sort(newestFirst);
  const { items, more } = pageAfter(entries, position, size, newestFirst);
  const last = items.at(-1);
  return { entries: items, nextCursor: more && last ? encodeCursor(fingerprint, { at: last.at, requestId: last.requestId, until }) : null };
}
