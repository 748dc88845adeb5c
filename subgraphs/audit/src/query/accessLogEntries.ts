import { CITIZEN_PARTNER_ID } from '@crossroads/shared';
import type { StoredRelease } from './storedRecords.js';

/** An AccessLogEntry of the schema, as the resolver returns it. */
export interface AccessLogEntryView {
  requestId: string;
  at: string;
  partner: { id: string; name: string };
  purpose: string;
  authorizations: string[];
  data: { source: string; fields: string[] }[];
}

// A citizen's own requests are recorded under CITIZEN_PARTNER_ID: reading one's log is not a consultation by someone else.

/**
 * A citizen's access log from the release records that name them: one entry per
 * request, at the time of its first release, with what each source released.
 * Their own reads are left out. Unordered.
 */
export function toAccessLogEntries(releases: readonly StoredRelease[], partnerName: (id: string) => string): AccessLogEntryView[] {
  const entries = new Map<string, { entry: AccessLogEntryView; sources: Set<string> }>();
  for (const release of releases) {
    const partnerId = release.partnerId;
    if (partnerId === null || partnerId === CITIZEN_PARTNER_ID) continue;
    let found = entries.get(release.requestId);
    if (!found) {
      found = {
        entry: {
          requestId: release.requestId,
          at: release.at,
          partner: { id: partnerId, name: partnerName(partnerId) },
          purpose: release.purpose ?? '',
          authorizations: release.authorizationIds,
          data: [],
        },
        sources: new Set(),
      };
      entries.set(release.requestId, found);
    }
    const { entry, sources } = found;
    if (release.at < entry.at) entry.at = release.at;
    if (sources.has(release.source)) continue;
    sources.add(release.source);
    entry.data.push({ source: release.source, fields: release.fields });
    entry.data.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }
  return [...entries.values()].map((e) => e.entry);
}
