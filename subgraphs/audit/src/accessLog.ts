import type { AuditStore } from './auditStore.js';
import type { LogArguments } from './partnerLog.js';
import { notOwnData } from './query/auditQueryErrors.js';
import { accessLogCandidates, toAccessLogEntry, type AccessLogEntryView } from './query/accessLogEntries.js';
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
 * A citizen's own access log, newest first: one lookup of `ssins` (every
 * record that names the person: the releases of their data, and the gateway's
 * records of the requests that named them), filtered to the range and ordered
 * in memory; then the gateway's records of the page's requests the lookup did
 * not find, by `requestId`, to tell what was delivered. Refused with
 * NOT_OWN_DATA, before anything is read or checked, unless `citizenSsin` —
 * the SSIN of the citizen token the gateway verified — is the one asked for.
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
  const records = (await store.recordsNaming(ssin)).filter((r) => args.from <= recordDay(r) && recordDay(r) <= args.to);
  const candidates = recordedBy(accessLogCandidates(records), until).sort(newestFirst);
  const { items, more } = pageAfter(candidates, position, size, newestFirst);
  const unknown = items.filter((c) => c.request === null);
  const fetched = unknown.length > 0 ? await store.requestRecords(unknown.map((c) => c.requestId)) : [];
  const requests = new Map(unknown.map((c, i) => [c.requestId, fetched[i] ?? null]));
  const entries = items.map((c) => toAccessLogEntry(c, c.request ?? requests.get(c.requestId) ?? null, partnerName));
  const last = items.at(-1);
  return { entries, nextCursor: more && last ? encodeCursor(fingerprint, { at: last.at, requestId: last.requestId, until }) : null };
}
