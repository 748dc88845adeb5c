import { CITIZEN_PARTNER_ID } from '@crossroads/shared';
import { deliveredOf } from './delivery.js';
import type { StoredRecord, StoredRelease, StoredRequest } from './storedRecords.js';

/** An AccessLogEntry of the schema, as the resolver returns it. */
export interface AccessLogEntryView {
  requestId: string;
  at: string;
  kind: 'DATA_RELEASED' | 'LOOKED_UP';
  partner: { id: string; name: string };
  purpose: string;
  authorizations: string[];
  data: { source: string; fields: string[]; delivered: boolean }[];
}

/** One request of a citizen's log, before the page's gateway records are read to tell what was delivered. */
export interface AccessLogCandidate {
  requestId: string;
  /** The sort key: the first release's time, or for a lookup the gateway's record's. */
  at: string;
  kind: AccessLogEntryView['kind'];
  partnerId: string;
  purpose: string;
  authorizations: string[];
  /** The releases that name the citizen, oldest first. */
  releases: StoredRelease[];
  /** The gateway's record, when the lookup found it (it names the citizen). */
  request: StoredRequest | null;
}

// A citizen's own requests are recorded under CITIZEN_PARTNER_ID: reading one's log is not a consultation by someone else.

/**
 * What a citizen's access log lists, from the records that name them: one
 * candidate per request. A request in which a source released data about them
 * is listed at its first release (DATA_RELEASED). A request that named them
 * without any release about them is listed (LOOKED_UP) only if it was
 * answered: then the partner may have learnt whether the register knows them.
 * A refused or failed request that released nothing told the partner nothing
 * about them, and is the security officer's to look into, not the citizen's.
 * Their own reads are left out. Unordered.
 */
export function accessLogCandidates(records: readonly StoredRecord[]): AccessLogCandidate[] {
  const byRequest = new Map<string, { releases: StoredRelease[]; request: StoredRequest | null }>();
  for (const record of records) {
    let found = byRequest.get(record.requestId);
    if (!found) byRequest.set(record.requestId, (found = { releases: [], request: null }));
    if (record.kind === 'request') found.request = record;
    else if (!found.releases.some((r) => r._id === record._id)) found.releases.push(record);
  }
  const candidates: AccessLogCandidate[] = [];
  for (const [requestId, { releases, request }] of byRequest) {
    releases.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const first = releases[0];
    const partnerId = first?.partnerId ?? request?.partnerId ?? null;
    if (partnerId === null || partnerId === CITIZEN_PARTNER_ID) continue;
    if (first) {
      candidates.push({
        requestId,
        at: first.at,
        kind: 'DATA_RELEASED',
        partnerId,
        purpose: first.purpose ?? '',
        authorizations: first.authorizationIds,
        releases,
        request,
      });
    } else if (request?.outcome === 'answered') {
      candidates.push({
        requestId,
        at: request.at,
        kind: 'LOOKED_UP',
        partnerId,
        purpose: request.purpose ?? '',
        authorizations: request.authorizationIds,
        releases: [],
        request,
      });
    }
  }
  return candidates;
}

/**
 * The entry the citizen sees: per source, the kinds of data released (every
 * call of the source together) and whether the partner received them, judged
 * from `request`, the gateway's record of the request (null if it has none).
 */
export function toAccessLogEntry(
  candidate: AccessLogCandidate,
  request: StoredRequest | null,
  partnerName: (id: string) => string,
): AccessLogEntryView {
  const bySource = new Map<string, { fields: Set<string>; delivered: boolean }>();
  for (const release of candidate.releases) {
    const data = bySource.get(release.source) ?? { fields: new Set<string>(), delivered: false };
    release.fields.forEach((f) => data.fields.add(f));
    data.delivered ||= deliveredOf(release, request) === true;
    bySource.set(release.source, data);
  }
  return {
    requestId: candidate.requestId,
    at: candidate.at,
    kind: candidate.kind,
    partner: { id: candidate.partnerId, name: partnerName(candidate.partnerId) },
    purpose: candidate.purpose,
    authorizations: candidate.authorizations,
    data: [...bySource.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([source, { fields, delivered }]) => ({ source, fields: [...fields].sort(), delivered })),
  };
}
