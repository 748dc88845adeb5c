import type { StoredRelease, StoredRequest } from './storedRecords.js';

/**
 * Whether the partner received what a release records, from the gateway's
 * record of the request: null without one (the gateway stopped before
 * answering, so the partner received nothing — and nothing says so);
 * false when the request was not answered, or the gateway gave up on the
 * call, or its record does not list the release's receipt; true otherwise.
 * A request recorded before receipts existed lists none: answered, its
 * releases count as delivered.
 */
export function deliveredOf(release: StoredRelease, request: StoredRequest | null | undefined): boolean | null {
  if (!request) return null;
  if (request.outcome !== 'answered') return false;
  const call = release.call ?? 1;
  if (request.undelivered?.some((u) => u.source === release.source && u.call === call)) return false;
  if (!request.receipts) return true;
  return request.receipts.some((r) => r.id === release._id);
}
