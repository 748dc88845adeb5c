import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Partner } from '../authz/model.js';
import { explainJoseError } from './explainJoseError.js';
import { loadPartnerKeySets } from './loadPartnerKeySets.js';
import { readBearerToken } from './readBearerToken.js';
import { unauthenticated } from './unauthenticated.js';

/** Algorithms a partner may sign with: asymmetric only, so that we never hold a secret able to mint its tokens. */
export const PARTNER_TOKEN_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'] as const;

/** Longest lifetime (exp − iat) of a partner token: a leaked token is worth at most this long. */
export const MAX_PARTNER_TOKEN_LIFETIME_SECONDS = 3600;

export interface PartnerAuthenticatorOptions {
  partners: Map<string, Partner>;
  /** Directory the partners' `jwks.file` paths are relative to (authz-policies/). */
  policyDir: string;
  /** Expected `aud`, normally GATEWAY_AUDIENCE. */
  audience: string;
  /** Allowed clock skew with the partners' machines; default 30 s. */
  clockToleranceSec?: number;
}

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

export function createPartnerAuthenticator(options: PartnerAuthenticatorOptions): PartnerAuthenticator {
  const { partners, audience } = options;
  const clockTolerance = options.clockToleranceSec ?? 30;
  const keySets = loadPartnerKeySets(partners, options.policyDir);

  async function authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedPartner> {
    const token = readBearerToken(authorizationHeader, WHAT);
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
    return { partnerId: partner.id, ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}), expiresAt: exp };
  }

  return { authenticate };
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
