import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries: its id (the gateway's, in a source: the one its token states). */
export interface RequestScope {
  requestId: string;
}

/**
 * The request a piece of code runs for, whatever the call depth: the HTTP server enters it for each request, and
 * the logger's mixin adds its id to every line written meanwhile, by any module (decision 0032).
 */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** A request id a caller may hand on (the gateway's `x-request-id` to a source): a UUID, nothing else. */
export const REQUEST_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
