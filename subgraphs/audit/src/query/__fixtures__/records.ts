import type { StoredRelease, StoredRequest } from '../storedRecords.js';

/** A gateway record of a request, as the queries read it; only what a test cares about is given. */
export function requestRecord(requestId: string, at: string, fields: Partial<StoredRequest> = {}): StoredRequest {
  return {
    _id: `request:${requestId}`,
    kind: 'request',
    requestId,
    partnerId: 'capac',
    purpose: 'UNEMPLOYMENT_BENEFIT',
    authorizationIds: ['ISC/24/017'],
    partnerDay: `capac|${at.slice(0, 10)}`,
    endUser: null,
    operationName: 'Claimant',
    documentHash: 'd0c',
    outcome: 'answered',
    code: null,
    durationMs: 12,
    at,
    ...fields,
  };
}

/** A source's release record for a request. */
export function releaseRecord(requestId: string, source: string, at: string, fields: Partial<StoredRelease> = {}): StoredRelease {
  return {
    _id: `release:${requestId}:${source}`,
    kind: 'release',
    requestId,
    partnerId: 'capac',
    purpose: 'UNEMPLOYMENT_BENEFIT',
    authorizationIds: ['ISC/24/017'],
    partnerDay: `capac|${at.slice(0, 10)}`,
    source,
    ssins: ['85073003328'],
    fields: [`Query.person`],
    at,
    ...fields,
  };
}
