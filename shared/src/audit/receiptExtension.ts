import type { AuditReceipt } from './records.js';

/**
 * The key under which a source returns, in its GraphQL response's
 * `extensions`, the receipt of the release it recorded for the call. The
 * gateway takes it out (it never reaches a partner) and lists it in its own
 * record of the request, so that verify can check every release a request
 * caused is still stored as it was written.
 */
export const AUDIT_RECEIPT_EXTENSION = 'crossroadsAuditReceipt';

/**
 * Removes the receipt from a source's response `extensions` and returns it
 * when it is well formed and names the release `expectedId` (this request,
 * this source, this call); anything else there is dropped and ignored.
 */
export function takeAuditReceipt(response: { extensions?: Record<string, unknown> }, expectedId: string): AuditReceipt | undefined {
  const extensions = response.extensions;
  if (!extensions || !(AUDIT_RECEIPT_EXTENSION in extensions)) return undefined;
  const value = extensions[AUDIT_RECEIPT_EXTENSION] as Partial<AuditReceipt> | null;
  delete extensions[AUDIT_RECEIPT_EXTENSION];
  if (Object.keys(extensions).length === 0) delete response.extensions;
  if (
    value &&
    value.id === expectedId &&
    typeof value.chain === 'string' &&
    Number.isSafeInteger(value.seq) &&
    typeof value.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(value.hash)
  ) {
    return { id: value.id, chain: value.chain, seq: value.seq!, hash: value.hash };
  }
  return undefined;
}
