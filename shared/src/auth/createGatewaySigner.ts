import { randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_TOKEN_TYPE, subgraphAudience } from './audiences.js';
import { ed25519PrivateKey } from './ed25519Keys.js';

/** What the gateway vouches for on each subgraph call, after authenticating the partner and checking the purpose. */
export interface GatewayTokenClaims {
  partnerId: string;
  purpose: string;
  /** The authorizations (e.g. `ISC/24/017`) the gateway found covering the operation. */
  authorizationIds: string[];
  requestId: string;
}

export interface GatewaySignRequest extends GatewayTokenClaims {
  /** The subgraph's name, e.g. `persons`. */
  audience: string;
  /** Default 30 s: long enough for one subgraph call, short enough to be useless if captured. */
  ttlSeconds?: number;
}

export interface GatewaySigner {
  sign(request: GatewaySignRequest): Promise<string>;
}

/**
 * Signs the token the gateway sends each subgraph in `Authorization: Bearer`.
 * Every call gets its own token (fresh `jti`), since subgraphs refuse a `jti`
 * seen before: sign per subgraph fetch, not per partner request.
 */
export function createGatewaySigner(options: { privateJwk: JWK; kid?: string }): GatewaySigner {
  const key = ed25519PrivateKey(options.privateJwk, 'The gateway signing key');
  const kid = options.kid ?? options.privateJwk.kid;
  return {
    async sign({ audience, partnerId, purpose, authorizationIds, requestId, ttlSeconds = 30 }) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1)
        throw new RangeError('ttlSeconds must be a whole number of seconds, at least 1.');
      const iat = Math.floor(Date.now() / 1000);
      return new SignJWT({ partner: partnerId, purpose, authz: authorizationIds, rid: requestId })
        .setProtectedHeader({ alg: 'EdDSA', typ: GATEWAY_TOKEN_TYPE, ...(kid ? { kid } : {}) })
        .setIssuer(GATEWAY_ISSUER)
        .setAudience(subgraphAudience(audience))
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
  };
}
