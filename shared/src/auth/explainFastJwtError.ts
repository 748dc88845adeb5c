import { createDecoder, TOKEN_ERROR_CODES, TokenError } from 'fast-jwt';
import { tokenRefusal, type TokenExpectations } from './tokenRefusal.js';

const decodeComplete = createDecoder({ complete: true }) as (token: string) => { header: { alg?: unknown } };

/**
 * fast-jwt names the claim a check failed on only in its message ("The aud
 * claim value is not allowed.", "None of aud claim values are allowed.", "The
 * jti claim is required."). Read here and nowhere else; a message that no
 * longer matches still refuses the token (TOKEN_MALFORMED), and the tests of
 * each reason would show the change on an upgrade.
 */
const CLAIM_IN_MESSAGE = /^(?:The|None of) ([A-Za-z0-9_]+) claim/;

/**
 * A fast-jwt verification failure as the same UNAUTHENTICATED error, reason
 * and sentence explainJoseError gives for the same cause (tokenRefusal).
 * fast-jwt's messages are never passed on. Anything else, including fast-jwt
 * errors about our own configuration (a bad key or option), is returned
 * unchanged, to surface as an internal error rather than be blamed on the
 * caller. `token` is only read to tell an unsigned token (`alg: none`) from a
 * missing signature.
 */
export function explainFastJwtError(error: unknown, expect: TokenExpectations, token: string): unknown {
  if (!(error instanceof TokenError)) return error;
  const refuse = tokenRefusal(expect);
  const claim = CLAIM_IN_MESSAGE.exec(error.message)?.[1];
  switch (error.code) {
    case TOKEN_ERROR_CODES.expired:
      return refuse.expired();
    case TOKEN_ERROR_CODES.inactive:
      return refuse.notYetValid();
    case TOKEN_ERROR_CODES.missingRequiredClaim:
      return claim ? refuse.missingClaim(claim) : refuse.malformed();
    case TOKEN_ERROR_CODES.invalidClaimType:
    case TOKEN_ERROR_CODES.invalidClaimValue:
      if (claim === 'aud') return refuse.audience();
      if (claim === 'iss') return refuse.issuer();
      if (claim === 'exp' || claim === 'nbf' || claim === 'iat') return refuse.notANumber(claim);
      return claim ? refuse.invalidClaim(claim) : refuse.malformed();
    case TOKEN_ERROR_CODES.invalidType:
      return refuse.type();
    case TOKEN_ERROR_CODES.invalidAlgorithm:
      return refuse.algorithm();
    case TOKEN_ERROR_CODES.missingSignature:
      return isAcceptedAlgorithm(token, expect.algorithms) ? refuse.signature() : refuse.algorithm();
    case TOKEN_ERROR_CODES.invalidSignature:
    case TOKEN_ERROR_CODES.verifyError:
      return refuse.signature();
    case TOKEN_ERROR_CODES.malformed:
    case TOKEN_ERROR_CODES.invalidPayload:
    case TOKEN_ERROR_CODES.invalidCritHeader:
      return refuse.malformed();
    default:
      return error;
  }
}

function isAcceptedAlgorithm(token: string, algorithms: readonly string[]): boolean {
  try {
    const { alg } = decodeComplete(token).header;
    return typeof alg === 'string' && algorithms.includes(alg);
  } catch {
    return false;
  }
}
