import { errors } from 'jose';
import { unauthenticated } from './unauthenticated.js';

export interface TokenExpectations {
  /** Names the token in messages: "bearer token", "gateway token". */
  what: string;
  audience: string;
  issuer: string;
  /** Accepted `alg` values, named in the message when another one is used. */
  algorithms: readonly string[];
  /** Whose keys the signature was checked against, e.g. "the keys registered for the partner". */
  keys: string;
}

/**
 * Turns a jose verification failure into an UNAUTHENTICATED error with a fixed
 * sentence per cause. jose's own messages are never passed on: they are written
 * for developers and some quote claim values. Anything that is not a JOSE error
 * (a bug, a TypeError in our code) is returned unchanged so it surfaces as an
 * internal error and is logged, rather than being blamed on the caller.
 */
export function explainJoseError(error: unknown, expect: TokenExpectations): unknown {
  const { what } = expect;
  if (error instanceof errors.JWTExpired) return unauthenticated('TOKEN_EXPIRED', `The ${what} has expired.`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return unauthenticated('TOKEN_MALFORMED', `The ${what} has no "${error.claim}" claim.`);
    if (error.reason === 'invalid') return unauthenticated('TOKEN_MALFORMED', `The ${what}'s "${error.claim}" claim is not a number.`);
    switch (error.claim) {
      case 'aud':
        return unauthenticated('TOKEN_AUDIENCE', `The ${what} is not for this audience: "aud" must be ${expect.audience}.`);
      case 'iss':
        return unauthenticated('TOKEN_ISSUER', `The ${what} has the wrong issuer: "iss" must be ${expect.issuer}.`);
      case 'nbf':
        return unauthenticated('TOKEN_NOT_YET_VALID', `The ${what} is not valid yet ("nbf" is in the future); check the sender's clock.`);
      case 'typ':
        return unauthenticated('TOKEN_MALFORMED', `The ${what} has the wrong "typ" header: it is another kind of token.`);
      default:
        return unauthenticated('TOKEN_MALFORMED', `The ${what}'s "${error.claim}" claim is not valid.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return unauthenticated('TOKEN_SIGNATURE', `The ${what} is not signed with an accepted algorithm (${expect.algorithms.join(', ')}).`);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return unauthenticated('TOKEN_SIGNATURE', `The ${what}'s signature does not verify against ${expect.keys}.`);
  }
  if (error instanceof errors.JOSEError) return unauthenticated('TOKEN_MALFORMED', `The ${what} is not a well-formed JWT.`);
  return error;
}
