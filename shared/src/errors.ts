import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes a partner can see in `extensions.code`.
 * Codes are a public contract: never rename one, only add. `docs/error-codes.md`
 * is generated from this table (`npm run docs:errors`) and CI checks it is current.
 */
export const errorCodes = {
  BAD_USER_INPUT: 'An argument or variable broke a rule; `extensions.rule` names the rule.',
  UNAUTHENTICATED:
    "No valid credential (HTTP 401). `extensions.reason` says why: TOKEN_MISSING, TOKEN_MALFORMED, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_SIGNATURE, TOKEN_LIFETIME, TOKEN_REPLAYED, PARTNER_UNKNOWN, PARTNER_KEYS_UNAVAILABLE, REPLAY_CACHE_FULL; for a citizen token, also CITIZEN_SUBJECT_INVALID (its subject is not a valid SSIN) and CITIZEN_IDP_KEYS_UNAVAILABLE (the identity provider's keys could not be fetched).",
  FORBIDDEN:
    "The request reads data that none of the partner's authorizations for the declared purpose covers on this day (HTTP 403); `extensions.uncovered` lists each `Type.field` not granted and each `Type.field(argument)` outside its date bound. No source was called.",
  PURPOSE_REQUIRED: 'The request declares no purpose: send `X-Purpose` with a code from `authz-policies/purposes.yaml` (HTTP 400).',
  UNKNOWN_PURPOSE:
    "`X-Purpose` is not a known purpose code; see `authz-policies/purposes.yaml` (HTTP 400). A citizen's requests have one implicit purpose: a citizen sends no `X-Purpose`, or `CITIZEN_ACCESS_LOG`.",
  SOURCE_UNAVAILABLE:
    'An authentic source did not answer in time; `extensions.source` names it. Data from the other sources is still returned.',
  AUDIT_UNAVAILABLE:
    'The audit trail could not durably record the request within its bound (`AUDIT_WRITE_TIMEOUT_MS`), so nothing is released (HTTP 503). Retry later; the request id identifies it.',
  INTERNAL_SERVER_ERROR: 'Something failed on our side. Nothing about it is disclosed; quote `extensions.requestId`.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not match the schema.',
  PERSISTED_QUERY_NOT_FOUND:
    'Automatic persisted queries: the hash is unknown; send the full document. (Not used: persisted queries are off.)',
  PERSISTED_QUERY_NOT_SUPPORTED:
    'The request sent a persisted-query hash instead of a document. Automatic persisted queries are off: a cache shared by all partners would be a side channel between them. Send the whole document.',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run could not be determined (missing or ambiguous operationName).',
  BAD_REQUEST:
    'The HTTP request is not a GraphQL request (HTTP 400, or 404 for another path); `extensions.reason` says why: BODY_NOT_JSON, BODY_NOT_AN_OBJECT (a JSON array: batching is not supported), QUERY_MISSING, VARIABLES_NOT_AN_OBJECT, NOT_FOUND.',
  METHOD_NOT_ALLOWED:
    'Operations are sent with POST only (HTTP 405, `Allow: POST`): a GET would put identifiers in URLs, which proxies and logs keep.',
  UNSUPPORTED_MEDIA_TYPE:
    'The body must be JSON, sent with `Content-Type: application/json` (HTTP 415). This is also what stops a web page in a browser from sending a request on a user’s behalf (CSRF): browsers cannot send that type across sites without asking first.',
  PAYLOAD_TOO_LARGE:
    'The request body is larger than the gateway accepts (HTTP 413); the message gives the limit. The connection is closed after the answer.',
  OPERATION_LIMIT_EXCEEDED:
    'The operation is larger or costlier than allowed (HTTP 400), checked before any other work; `extensions.limit` names the limit (documentBytes, tokens, depth, aliases, rootFields, directives, cost, persons) and `extensions.max` its value for this partner. Nothing was read.',
  RATE_LIMITED:
    'The partner sent more requests than its fair-use limits allow (HTTP 429, `Retry-After` in seconds); `extensions.reason` is RATE (requests per minute) or CONCURRENCY (requests at once). Limits are set per partner in `authz-policies/partners.yaml`. Nothing was read.',
  CAPACITY_NOT_ALLOWED:
    'The partner tried to register persons in the reference directory in a capacity `partners.yaml` does not let it use (HTTP 403). Nothing was written.',
  PERSON_NOT_FOLLOWED:
    "The partner's authorizations for this purpose are limited to the persons it follows in the reference directory (scope `followed`), and it does not follow one or more of the persons the request reads, on this day, in a capacity they name (HTTP 403). The answer is the same whether or not a person exists; the message says how many. Register the persons first (`follow`, `followMany`). Nothing was read.",
  OVERLOADED:
    'The gateway is at capacity and refused the request at once rather than queue it (HTTP 503, `Retry-After` in seconds). Nothing was read; retry later.',
  TIME_RANGE_REVERSED:
    'An audit-trail query whose `to` day is before its `from` day (HTTP 400). Both days are Belgian calendar days and both are included. Nothing was read.',
  TIME_RANGE_TOO_LONG:
    'An audit-trail query covers more days than it may (HTTP 400): at most 31 for `auditLogOfPartner`, 3,660 for `auditLogOfPerson`, 366 for `accessLog`, both ends included; the message names the limit. Ask for shorter ranges one after the other. Nothing was read.',
  INVALID_CURSOR:
    '`after` is not a cursor this query returned (HTTP 400): garbled, altered, or returned by the same query with another partner, person or range. Start again without `after`, or pass `nextCursor` exactly as received.',
  PAGE_SIZE_OUT_OF_RANGE: '`first` must be a whole number from 1 to 1,000 (HTTP 400). Nothing was read.',
  NOT_OWN_DATA:
    "A citizen's access log was asked for another SSIN than the one the citizen authenticated with, or without a citizen token (HTTP 403). A citizen reads only their own log. Nothing was read.",
  AUDIT_ROLE_REQUIRED:
    "The request asks for the security officer's view of the audit trail (`auditLogOfPartner`, `auditLogOfPerson`), which only an authorization of the Information Security Committee granted to the information security officer, for purpose SECURITY_AUDIT, covers (HTTP 403). `extensions.uncovered` lists what is not covered. No source was called.",
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Codes that describe the caller's request or a named source; their messages are safe to show. */
export const publicErrorCodes: ReadonlySet<string> = new Set(Object.keys(errorCodes).filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

/** A broken input rule, with the rule's stable name so clients can branch on it. */
export function badUserInput(message: string, rule: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', rule } });
}

export function sourceUnavailable(source: string): GraphQLError {
  return new GraphQLError(`The ${source} source is unavailable; its fields are null.`, {
    extensions: { code: 'SOURCE_UNAVAILABLE', source },
  });
}

/** The body of a response that must release nothing because its audit records could not be written. */
export const auditUnavailableError = {
  message: 'The audit trail could not record this request, so nothing is released. Retry later.',
  extensions: { code: 'AUDIT_UNAVAILABLE' },
} as const;
