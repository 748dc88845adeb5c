import { decodeJwt } from 'jose';
import { readBearerToken } from './readBearerToken.js';

/**
 * The `iss` a bearer token claims, unverified: only to choose whose keys it is
 * then verified against (a citizen's identity provider, or the partners').
 * Undefined when there is none to read; the authenticator then chosen says
 * what is wrong with the token.
 */
export function unverifiedIssuer(authorizationHeader: string | undefined): string | undefined {
  try {
    const { iss } = decodeJwt(readBearerToken(authorizationHeader, 'bearer token'));
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
