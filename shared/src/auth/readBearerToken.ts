import { unauthenticated } from './unauthenticated.js';

/** Compact JWS: three base64url parts. Checked here so garbage never reaches the JOSE library. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Longest token accepted; a bound so a huge header costs nothing to refuse. */
const MAX_TOKEN_LENGTH = 8 * 1024;

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the
 * scheme is case-insensitive). `what` names the token in messages ("bearer
 * token", "gateway token").
 */
export function readBearerToken(header: string | undefined, what: string): string {
  if (header === undefined || header.trim() === '') {
    throw unauthenticated('TOKEN_MISSING', `No ${what}: send Authorization: Bearer <token>.`);
  }
  const [scheme, ...rest] = header.trim().split(/\s+/);
  if (scheme!.toLowerCase() !== 'bearer') {
    // Basic, Digest, a bare token…: the caller sent no bearer token at all.
    throw unauthenticated('TOKEN_MISSING', 'The Authorization header does not use the Bearer scheme: send Authorization: Bearer <token>.');
  }
  if (rest.length === 0) {
    throw unauthenticated('TOKEN_MISSING', `The Authorization header has no ${what} after Bearer: send Authorization: Bearer <token>.`);
  }
  const token = rest.join(' ');
  if (rest.length > 1 || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    throw unauthenticated('TOKEN_MALFORMED', `The ${what} is not a JWT (header.payload.signature, base64url).`);
  }
  return token;
}
