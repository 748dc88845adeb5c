import type { AuditReceipt, UndeliveredCall } from '@crossroads/shared';

/**
 * What the calls to the sources left in a request's context for its audit
 * record: the receipts of the releases the sources recorded and sent back, and
 * the calls the gateway gave up on. Kept beside GatewayContext rather than in
 * it: only SourceDataSource writes them and only auditRequests reads them.
 */
export interface SourceCallNotes {
  releaseReceipts?: AuditReceipt[];
  undeliveredCalls?: UndeliveredCall[];
}

export function noteReceipt(context: SourceCallNotes, receipt: AuditReceipt): void {
  (context.releaseReceipts ??= []).push(receipt);
}

export function noteUndelivered(context: SourceCallNotes, call: UndeliveredCall): void {
  (context.undeliveredCalls ??= []).push(call);
}

/** Whether a failed call timed out (undici's own timeouts) rather than failing otherwise. */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
