import { createHash } from 'node:crypto';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Partner } from '../authz/model.js';
import { explainJoseError } from './explainJoseError.js';
import type { KeyTrust } from './keyTrust.js';
import { loadPartnerKeySets } from './loadPartnerKeySets.js';
import { readBearerToken } from './readBearerToken.js';
import { unauthenticated } from './unauthenticated.js';

/** Algorithms a partner may sign with: asymmetric only, so that we never hold a secret able to mint its tokens. */
export const PARTNER_TOKEN_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'] as const;

/** Longest lifetime (exp − iat) of a partner token: a leaked token is worth at most this long. */
export const MAX_PARTNER_TOKEN_LIFETIME_SECONDS = 3600;

export interface PartnerAuthenticatorOptions {
  partners: Map<string, Partner>;
  /** Directory the partners' `jwks.file` paths are relative to (authz-policies/), unless `keyTrust.jwksDir` is given. */
  policyDir: string;
  /** Where key files are read, which keys are refused, how remote sets are fetched; absent: as in development. */
  keyTrust?: KeyTrust;
  /** Expected `aud`, normally GATEWAY_AUDIENCE. */
  audience: string;
  /** Allowed clock skew with the partners' machines; default 30 s. */
  clockToleranceSec?: number;
  /** The cache of verified tokens; see PartnerTokenCacheOptions. */
  tokenCache?: PartnerTokenCacheOptions;
}

/**
 * A partner re-sends one token with every request for up to an hour; checking
 * its signature each time cost about 150 µs of CPU per request (decision
 * 0013). So a token that verified is remembered, keyed by its SHA-256, and a request
 * with the very same token is answered from memory, its expiry checked again.
 */
export interface PartnerTokenCacheOptions {
  /**
   * Longest a verified token is served from memory before its signature is
   * checked again, in ms; never past the token's `exp`. It bounds how long a
   * key withdrawn from a partner's JWKS URL keeps working (a JWKS file is read
   * with the policy set, and a reload starts an empty cache).
   * PARTNER_TOKEN_CACHE_TTL_MS, default 300,000; 0 turns the cache off.
   */
  maxAgeMs?: number;
  /** Most tokens kept (about 0.7 KB each); PARTNER_TOKEN_CACHE_MAX, default 10,000; 0 turns the cache off. */
  maxEntries?: number;
  /** The monotonic clock ages are measured on, in ms; `performance` unless a test gives its own. */
  clock?: { now(): number };
}

export const DEFAULT_PARTNER_TOKEN_CACHE_MAX_AGE_MS = 300_000;
export const DEFAULT_PARTNER_TOKEN_CACHE_MAX_ENTRIES = 10_000;

export interface AuthenticatedPartner {
  partnerId: string;
  /** The token's `jti`, for the audit trail. */
  tokenId?: string;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAt: number;
}

const WHAT = 'bearer token';

/**
 * Checks the partner's `Authorization: Bearer <JWT>` (OAuth2 client
 * credentials: the partner signs its own short-lived token with a key it
 * registered). The unverified `sub` only picks whose keys and issuer to check
 * against; nothing from the token is trusted before its signature is.
 */
export interface PartnerAuthenticator {
  /** Resolves to the partner, or throws UNAUTHENTICATED (HTTP 401) with `extensions.reason`. */
  authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedPartner>;
}

/**
 * One authenticator per policy set: its partners, their keys and its cache of
 * verified tokens go together, so a reloaded set (a partner or a key removed)
 * starts with an empty cache and nothing verified under the old one is served.
 */
export function createPartnerAuthenticator(options: PartnerAuthenticatorOptions): PartnerAuthenticator {
  const { partners, audience } = options;
  const clockTolerance = options.clockToleranceSec ?? 30;
  const keySets = loadPartnerKeySets(partners, options.policyDir, options.keyTrust);
  const cache = createTokenCache(options.tokenCache);
  const maxAgeMs = options.tokenCache?.maxAgeMs ?? DEFAULT_PARTNER_TOKEN_CACHE_MAX_AGE_MS;

  async function authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedPartner> {
    const token = readBearerToken(authorizationHeader, WHAT);
    const cacheKey = cache ? createHash('sha256').update(token).digest('base64url') : '';
    const cached = cache?.get(cacheKey);
    if (cached) {
      // The only check whose answer changes with time once a token has verified (nbf and iat only get further behind).
      if (hasExpired(cached.expiresAt)) {
        cache!.delete(cacheKey);
        throw unauthenticated('TOKEN_EXPIRED', `The ${WHAT} has expired.`);
      }
      return cached;
    }

    const partner = partners.get(claimedPartnerId(token));
    const keySet = partner && keySets.get(partner.id);
    if (!partner || !keySet) throw unauthenticated('PARTNER_UNKNOWN', `The ${WHAT}'s "sub" is not a registered partner.`);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: [...PARTNER_TOKEN_ALGORITHMS],
        issuer: partner.issuer,
        audience,
        requiredClaims: ['exp', 'iat'],
        clockTolerance,
      }));
    } catch (error) {
      throw explainJoseError(error, {
        what: WHAT,
        audience,
        issuer: partner.issuer,
        algorithms: PARTNER_TOKEN_ALGORITHMS,
        keys: `the keys registered for partner ${partner.id}`,
      });
    }
    // jose checked both are numbers; it checks neither a future iat nor the lifetime.
    const { iat, exp } = payload as { iat: number; exp: number };
    if (iat > Date.now() / 1000 + clockTolerance) {
      throw unauthenticated('TOKEN_NOT_YET_VALID', `The ${WHAT} is not valid yet ("iat" is in the future); check the sender's clock.`);
    }
    if (exp - iat > MAX_PARTNER_TOKEN_LIFETIME_SECONDS) {
      throw unauthenticated(
        'TOKEN_LIFETIME',
        `The ${WHAT} lives too long: exp − iat may be at most ${MAX_PARTNER_TOKEN_LIFETIME_SECONDS} seconds.`,
      );
    }
    const authenticated: AuthenticatedPartner = Object.freeze({
      partnerId: partner.id,
      ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}),
      expiresAt: exp,
    });
    // Only what verified is remembered; until exp (with the tolerance jose allows) and at most maxAgeMs.
    const ttl = Math.min(maxAgeMs, (exp + clockTolerance) * 1000 - Date.now());
    if (cache && ttl >= 1) cache.set(cacheKey, authenticated, { ttl: Math.floor(ttl) });
    return authenticated;
  }

  /** As jose decides it: expired once exp is at least the tolerance behind the current second. */
  function hasExpired(exp: number): boolean {
    return exp <= Math.floor(Date.now() / 1000) - clockTolerance;
  }

  return { authenticate };
}

function createTokenCache(options: PartnerTokenCacheOptions = {}): LRUCache<string, AuthenticatedPartner> | null {
  const max = options.maxEntries ?? DEFAULT_PARTNER_TOKEN_CACHE_MAX_ENTRIES;
  const ttl = options.maxAgeMs ?? DEFAULT_PARTNER_TOKEN_CACHE_MAX_AGE_MS;
  for (const [name, value] of [
    ['maxEntries', max],
    ['maxAgeMs', ttl],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`The partner token cache's ${name} must be a whole number ≥ 0.`);
  }
  // lru-cache reads a ttl of 0 as "forever": here it means "do not cache".
  if (max === 0 || ttl === 0) return null;
  return new LRUCache<string, AuthenticatedPartner>({
    max,
    ttl,
    // Read the clock on every check: the default keeps one reading for 1 ms, through a timer per reading.
    ttlResolution: 0,
    ...(options.clock ? { perf: options.clock } : {}),
  });
}

/** The partner the token claims to come from: `sub`, or `client_id` (RFC 9068) when there is no `sub`. */
function claimedPartnerId(token: string): string {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw unauthenticated('TOKEN_MALFORMED', `The ${WHAT} is not a well-formed JWT.`);
  }
  const { sub, client_id: clientId } = claims;
  if (typeof sub === 'string' && typeof clientId === 'string' && sub !== clientId) {
    // Which one would the authorizations apply to? Refuse rather than guess.
    throw unauthenticated('TOKEN_MALFORMED', `The ${WHAT}'s "sub" and "client_id" name different partners.`);
  }
  const id = typeof sub === 'string' ? sub : clientId;
  if (typeof id !== 'string' || id === '') throw unauthenticated('TOKEN_MALFORMED', `The ${WHAT} has no "sub" naming the partner.`);
  return id;
}
