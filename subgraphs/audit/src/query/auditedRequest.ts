import type { RequestGroup } from './groupRequests.js';

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
  releases: { source: string; at: string; persons: string[]; fields: string[] }[];
}

/**
 * The view of a request. Without the gateway's record (the gateway stopped
 * before answering, so the partner received nothing) who asked, why and under
 * what come from the releases, which carry the same fields.
 */
export function toAuditedRequest(group: RequestGroup): AuditedRequestView {
  const { request } = group;
  const first = group.releases[0];
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
    releases: group.releases.map((r) => ({ source: r.source, at: r.at, persons: r.ssins, fields: r.fields })),
  };
}

/** Every person whose SSIN a page of views shows: what reading the trail releases. */
export function personsIn(views: readonly AuditedRequestView[]): string[] {
  return [...new Set(views.flatMap((v) => v.releases.flatMap((r) => r.persons)))];
}
