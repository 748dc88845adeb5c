import type { RequestGroup } from './groupRequests.js';
import { deliveredOf } from './delivery.js';
import type { StoredRelease } from './storedRecords.js';

/** An AuditedRequest of the schema, as the resolvers return it. */
export interface AuditedRequestView {
  requestId: string;
  at: string;
  partner: string | null;
  endUser: string | null;
  purpose: string | null;
  authorizations: string[];
  operationName: string | null;
  documentHash: string | null;
  outcome: 'ANSWERED' | 'REFUSED' | 'FAILED' | null;
  code: string | null;
  durationMs: number | null;
  named: string[];
  lookedUp: string[];
  releases: { source: string; call: number; at: string; persons: string[]; fields: string[]; delivered: boolean | null }[];
  undelivered: { source: string; call: number; reason: 'TIMEOUT' | 'FAILED' | 'AUDIT_UNAVAILABLE' }[];
}

/**
 * The view of a request. Without the gateway's record (the gateway stopped
 * before answering, so the partner received nothing) who asked, why and under
 * what come from the releases, which carry the same fields.
 *
 * `lookedUp` is derived from every release of the request the group holds:
 * the persons the request named that none of them names. `shown` narrows the
 * releases listed (the person view lists those that name its person) without
 * changing that.
 */
export function toAuditedRequest(group: RequestGroup, shown: (release: StoredRelease) => boolean = () => true): AuditedRequestView {
  const { request } = group;
  const first = group.releases[0];
  const named = request?.ssins ?? [];
  const released = new Set(group.releases.flatMap((r) => r.ssins));
  return {
    requestId: group.requestId,
    at: request?.at ?? first?.at ?? group.at,
    partner: request ? request.partnerId : (first?.partnerId ?? null),
    endUser: request?.endUser ?? null,
    purpose: request ? request.purpose : (first?.purpose ?? null),
    authorizations: request?.authorizationIds ?? first?.authorizationIds ?? [],
    operationName: request?.operationName ?? null,
    documentHash: request?.documentHash ?? null,
    outcome: request ? (request.outcome.toUpperCase() as AuditedRequestView['outcome']) : null,
    code: request?.code ?? null,
    durationMs: request?.durationMs ?? null,
    named,
    lookedUp: named.filter((ssin) => !released.has(ssin)),
    releases: group.releases.filter(shown).map((r) => ({
      source: r.source,
      call: r.call ?? 1,
      at: r.at,
      persons: r.ssins,
      fields: r.fields,
      delivered: deliveredOf(r, request),
    })),
    undelivered: (request?.undelivered ?? []).map((u) => ({
      source: u.source,
      call: u.call,
      reason: u.reason.toUpperCase().replace('-', '_') as AuditedRequestView['undelivered'][number]['reason'],
    })),
  };
}

/** Every person whose SSIN a page of views shows: what reading the trail releases. */
export function personsIn(views: readonly AuditedRequestView[]): string[] {
  return [...new Set(views.flatMap((v) => [...v.named, ...v.releases.flatMap((r) => r.persons)]))];
}
