import { createVerifier } from 'fast-jwt';
import type { JWK } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_TOKEN_TYPE, subgraphAudience } from './audiences.js';
import { isConsistentCitizenClaim } from './citizenClaim.js';
import { createReplayGuard } from './createReplayGuard.js';
import type { GatewayTokenClaims } from './createGatewaySigner.js';
import { ed25519PublicKey } from './ed25519Keys.js';
import { explainFastJwtError } from './explainFastJwtError.js';
import { readBearerToken } from './readBearerToken.js';
import { tokenRefusal } from './tokenRefusal.js';
import { unauthenticated } from './unauthenticated.js';

export interface GatewayTokenVerifierOptions {
  publicJwk: JWK;
  /** This subgraph's name; tokens for another subgraph are refused. */
  subgraph: string;
  /** Longest accepted lifetime (exp − iat); default 60 s. */
  maxTtlSeconds?: number;
  /** Skew between the gateway's clock and ours; default 5 s (same machine or cluster). */
  clockToleranceSec?: number;
  /** Bound of the replay map; default 100,000 token ids (about 1,600 calls/s at the 60 s maximum lifetime). */
  maxReplayEntries?: number;
}

export interface GatewayTokenVerifier {
  /** The claims the gateway vouched for, or throws UNAUTHENTICATED (HTTP 401) with `extensions.reason`. */
  verify(authorizationHeader: string | undefined): GatewayTokenClaims;
}

const WHAT = 'gateway token';

type Claims = Record<string, unknown>;

/**
 * A subgraph's check that a call comes from the gateway: EdDSA with the
 * gateway's key only, audience this subgraph, short lifetime, and each token
 * usable once (an in-memory `jti` map per process, so with several replicas of
 * a subgraph a captured token could be replayed once per replica within its
 * few seconds of life).
 *
 * Synchronous: fast-jwt checks the signature with node:crypto (about half
 * of jose's WebCrypto cost, decision 0013), and the algorithm, `typ`, `iss`,
 * `aud`, `exp` and `nbf` with the clock tolerance; `iat`, the lifetime, the
 * claims and the replay guard are ours, as before.
 */
export function createGatewayTokenVerifier(options: GatewayTokenVerifierOptions): GatewayTokenVerifier {
  const key = ed25519PublicKey(options.publicJwk, 'The gateway public key');
  const audience = subgraphAudience(options.subgraph);
  const maxTtl = options.maxTtlSeconds ?? 60;
  const clockTolerance = options.clockToleranceSec ?? 5;
  const replay = createReplayGuard({ maxEntries: options.maxReplayEntries ?? 100_000 });
  const expectations = { what: WHAT, audience, issuer: GATEWAY_ISSUER, algorithms: ['EdDSA'], keys: "the gateway's key" };
  const refuse = tokenRefusal(expectations);
  const verifyJwt = createVerifier({
    // fast-jwt takes keys as PEM; the KeyObject above already checked the JWK (public, Ed25519).
    key: key.export({ type: 'spki', format: 'pem' }) as string,
    algorithms: ['EdDSA'],
    checkTyp: GATEWAY_TOKEN_TYPE,
    allowedIss: GATEWAY_ISSUER,
    allowedAud: audience,
    // fast-jwt checks iss and aud only when present: requiring them refuses a token without.
    requiredClaims: ['exp', 'iat', 'jti', 'aud', 'iss'],
    clockTolerance: clockTolerance * 1000, // milliseconds, in fast-jwt
    cache: false, // each token is used once: nothing to re-use
  });

  return {
    verify(authorizationHeader) {
      const token = readBearerToken(authorizationHeader, WHAT);
      let payload: Claims;
      try {
        payload = verifyJwt(token) as Claims;
      } catch (error) {
        throw explainFastJwtError(error, expectations, token);
      }
      // fast-jwt checked that exp is a number (it compared it); iat it only required.
      const { iat, exp } = payload;
      if (typeof iat !== 'number') throw refuse.notANumber('iat');
      if (typeof exp !== 'number') throw refuse.notANumber('exp');
      if (iat > Date.now() / 1000 + clockTolerance) {
        throw unauthenticated('TOKEN_NOT_YET_VALID', `The ${WHAT} is not valid yet ("iat" is in the future); check the clocks.`);
      }
      if (exp - iat > maxTtl) {
        throw unauthenticated('TOKEN_LIFETIME', `The ${WHAT} lives too long: exp − iat may be at most ${maxTtl} seconds.`);
      }
      const claims = gatewayClaims(payload);
      if (typeof payload.jti !== 'string' || payload.jti === '') throw malformed('jti');
      // Recorded last, so that a token refused for another reason takes no room.
      const verdict = replay.check(payload.jti, exp + clockTolerance);
      if (verdict === 'replayed')
        throw unauthenticated('TOKEN_REPLAYED', `The ${WHAT} was already used: the gateway signs one token per call.`);
      if (verdict === 'full')
        throw unauthenticated('REPLAY_CACHE_FULL', `Too many gateway calls in flight to check them against replay; try again shortly.`);
      return claims;
    },
  };
}

function malformed(claim: string) {
  return unauthenticated('TOKEN_MALFORMED', `The ${WHAT} has no valid "${claim}" claim.`);
}

function gatewayClaims(payload: Claims): GatewayTokenClaims {
  const { partner, purpose, authz, rid, cit, call } = payload;
  if (typeof partner !== 'string' || partner === '') throw malformed('partner');
  if (typeof purpose !== 'string' || purpose === '') throw malformed('purpose');
  if (!Array.isArray(authz) || !authz.every((id) => typeof id === 'string')) throw malformed('authz');
  if (typeof rid !== 'string') throw malformed('rid');
  if (!isConsistentCitizenClaim({ partnerId: partner, purpose, citizenSsin: cit })) throw malformed('cit');
  if (call !== undefined && !(Number.isInteger(call) && (call as number) >= 1)) throw malformed('call');
  return {
    partnerId: partner,
    purpose,
    authorizationIds: authz as string[],
    requestId: rid,
    ...(typeof cit === 'string' ? { citizenSsin: cit } : {}),
    ...(typeof call === 'number' && call > 1 ? { call } : {}),
  };
}
