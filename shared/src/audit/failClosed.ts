import type { GraphQLResponse } from '@apollo/server';
import { auditUnavailableError } from '../errors.js';

/**
 * Replaces a response that is about to be sent with AUDIT_UNAVAILABLE (HTTP
 * 503): whatever data it held is dropped, because its release could not be
 * recorded. Called from `willSendResponse`, the last moment before sending.
 */
export function failClosed(response: GraphQLResponse): void {
  response.http.status = 503;
  response.body = { kind: 'single', singleResult: { errors: [auditUnavailableError] } };
}

/** Whether a response carries an error code; on an incremental response, its initial part. */
export function errorCodesOf(response: GraphQLResponse): string[] {
  const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  return (result.errors ?? []).map((e) => String(e.extensions?.code ?? ''));
}
