/**
 * The audit trail's records. The audit store is the one place where persons'
 * identifiers are recorded: who asked, about whom, which fields of which
 * source, for which purpose, under which authorization, when.
 *
 * Every record belongs to the hash chain of the process that wrote it (one
 * chain per writer, so no global lock): `prev` is the hash of the chain's
 * previous record and `hash` covers the whole record but itself, so that
 * changing, deleting, inserting or reordering records breaks the chain.
 */

export const AUDIT_DATABASE = 'crossroads_audit';
export const auditCollections = { records: 'records', documents: 'documents', checkpoints: 'checkpoints' } as const;

interface ChainedFields {
  /** Idempotency key: `request:<requestId>`, or `release:<requestId>:<source>` (`…:<call>` for a second, third, … call to the source); a retried write never duplicates. */
  _id: string;
  /** The writer's chain: `<service>:<instance id>`. */
  chain: string;
  /** Position in the chain, from 0, without gaps. */
  seq: number;
  /** Hash of the chain's previous record; null for the first record of a chain. */
  prev: string | null;
  /** Hex SHA-256 of the canonical JSON of the record without `hash`. */
  hash: string;
  /** ISO 8601 time the record was made. */
  at: string;
}

interface RequestFields {
  requestId: string;
  /** Null when the caller could not be authenticated (an unverified claim is never recorded as fact). */
  partnerId: string | null;
  purpose: string | null;
  authorizationIds: string[];
  /** `<partnerId or ->|<YYYY-MM-DD>`: the security officer's queries look records up by equality on it. */
  partnerDay: string;
}

export interface RequestRecordBody extends RequestFields {
  kind: 'request';
  /** The end user on whose behalf the partner asks (X-End-User), when given. */
  endUser: string | null;
  operationName: string | null;
  /** SHA-256 of the document; the document itself is stored once per hash in `documents`. */
  documentHash: string | null;
  outcome: 'answered' | 'refused' | 'failed';
  /** The error code of a refused or failed request. */
  code: string | null;
  durationMs: number;
  /**
   * Every person the request named in its arguments and variables, as 11 digits, sorted: found or not,
   * whatever it selected, whatever the outcome (for a refusal, those checked before it). The `ssins` index
   * finds request records too, so a lookup that released nothing is on a person's record. Absent in
   * records written before lookups were recorded.
   */
  ssins?: string[];
  /**
   * The receipt of every release a source recorded for this request and sent back with its answer: verify
   * checks that each is stored with this hash. Absent in records written before receipts existed.
   */
  receipts?: AuditReceipt[];
  /** The source calls the gateway gave up on (timeout, error): a release a source may have recorded for one was not delivered. */
  undelivered?: UndeliveredCall[];
}

/** Where a record was stored: a writer's proof of the write, checked against the store by verify. */
export interface AuditReceipt {
  /** The record's `_id`. */
  id: string;
  chain: string;
  seq: number;
  hash: string;
}

/** A call to a source whose answer the gateway did not pass on. */
export interface UndeliveredCall {
  source: string;
  /** The source's n-th call for the request (1 for the first): its release is `release:<requestId>:<source>[:<call>]`. */
  call: number;
  /**
   * `timeout`: no answer in time; `failed`: unreachable, refused the gateway's token, or no GraphQL answer;
   * `audit-unavailable`: the source answered AUDIT_UNAVAILABLE (its release, if it lands late, was never sent).
   */
  reason: 'timeout' | 'failed' | 'audit-unavailable';
}

export interface ReleaseRecordBody extends RequestFields {
  kind: 'release';
  /** The authentic source that released the data. */
  source: string;
  /** The persons whose data it released. */
  ssins: string[];
  /** The `Type.field` coordinates it resolved. */
  fields: string[];
  /** The source's second, third, … call for this request (absent for the first): each call is released and recorded apart. */
  call?: number;
}

export type AuditRecordBody = RequestRecordBody | ReleaseRecordBody;
export type AuditRecord = AuditRecordBody & ChainedFields;

/** A signed statement of a chain's head: records up to `seq` are as they were when it was signed. */
export interface Checkpoint {
  /** `<chain>:<seq>` */
  _id: string;
  chain: string;
  seq: number;
  hash: string;
  at: string;
  /** Key id (JWK thumbprint) of the Ed25519 key that signed it. */
  keyId: string;
  /** base64url Ed25519 signature over the canonical JSON of { chain, seq, hash, at } (and `closing`, when set). */
  signature: string;
  /**
   * Set on the checkpoint a writer signs when it shuts down cleanly (`_id` `<chain>:<seq>:closing`): the chain
   * ends here. A chain without one stopped otherwise — a crash, or its end was cut — or is still being written.
   */
  closing?: true;
}

export function recordIdOf(body: AuditRecordBody): string {
  if (body.kind === 'request') return `request:${body.requestId}`;
  return releaseIdOf(body.requestId, body.source, body.call ?? 1);
}

/** The `_id` of the release of a source's n-th call for a request. */
export function releaseIdOf(requestId: string, source: string, call: number): string {
  return `release:${requestId}:${source}${call > 1 ? `:${call}` : ''}`;
}
