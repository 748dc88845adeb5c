import type { ReleaseRecordBody, RequestRecordBody } from '@crossroads/shared';

/**
 * Audit records as the queries read them: without their chain fields (`chain`,
 * `seq`, `prev`, `hash`), which verification needs and the views do not.
 */
export type StoredRequest = RequestRecordBody & { _id: string; at: string };
export type StoredRelease = ReleaseRecordBody & { _id: string; at: string };
export type StoredRecord = StoredRequest | StoredRelease;

/** The fields the queries leave out of what they read. */
export const CHAIN_FIELDS_EXCLUDED = { chain: 0, seq: 0, prev: 0, hash: 0 } as const;
