import { GraphQLError } from 'graphql';

/**
 * Why a token was refused, in `extensions.reason`: stable, so a client (or the
 * gateway, for subgraph answers) can branch on it without parsing messages.
 */
export type AuthFailureReason =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_AUDIENCE'
  | 'TOKEN_ISSUER'
  | 'TOKEN_SIGNATURE'
  | 'TOKEN_LIFETIME'
  | 'TOKEN_REPLAYED'
  | 'PARTNER_UNKNOWN'
  | 'PARTNER_KEYS_UNAVAILABLE'
  | 'REPLAY_CACHE_FULL'
  | 'CITIZEN_SUBJECT_INVALID'
  | 'CITIZEN_IDP_KEYS_UNAVAILABLE';

/**
 * A refused credential: HTTP 401, code UNAUTHENTICATED. The message says what
 * is wrong in a sentence the caller can act on; callers never pass the token or
 * a library's message into it, since both may echo token content.
 */
export function unauthenticated(reason: AuthFailureReason, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } } });
}
