import { errors } from 'jose';
import { tokenRefusal, type TokenExpectations } from './tokenRefusal.js';

export type { TokenExpectations } from './tokenRefusal.js';

/**
 * Turns a jose verification failure into an UNAUTHENTICATED error with a fixed
 * sentence per cause. jose's own messages are never passed on: they are written
 * for developers and some quote claim values. Anything that is not a JOSE error
 * (a bug, a TypeError in our code) is returned unchanged so it surfaces as an
 * internal error and is logged, rather than being blamed on the caller.
 */
export function explainJoseError(error: unknown, expect: TokenExpectations): unknown {
  const refuse = tokenRefusal(expect);
  if (error instanceof errors.JWTExpired) return refuse.expired();
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return refuse.missingClaim(error.claim);
    if (error.reason === 'invalid') return refuse.notANumber(error.claim);
    switch (error.claim) {
      case 'aud':
        return refuse.audience();
      case 'iss':
        return refuse.issuer();
      case 'nbf':
        return refuse.notYetValid();
      case 'typ':
        return refuse.type();
      default:
        return refuse.invalidClaim(error.claim);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return refuse.algorithm();
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return refuse.signature();
  }
  if (error instanceof errors.JOSEError) return refuse.malformed();
  return error;
}
