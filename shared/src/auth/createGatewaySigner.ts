import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { JWK } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_TOKEN_TYPE, subgraphAudience } from './audiences.js';
import { ed25519PrivateKey } from './ed25519Keys.js';

/** What the gateway vouches for on each subgraph call, after authenticating the partner and checking the purpose. */
export interface GatewayTokenClaims {
  partnerId: string;
  purpose: string;
  /** The authorizations (e.g. `ISC/24/017`) the gateway found covering the operation. */
  authorizationIds: string[];
  requestId: string;
  /**
   * The citizen's SSIN when the caller is a citizen authenticated as
   * themselves (claim `cit`); absent for a partner. Subgraphs build the
   * citizen's access from it, and only from it.
   */
  citizenSsin?: string;
  /**
   * Which call of this request to this source it is, from 1 (claim `call`;
   * 1 when absent). A query plan may call one source more than once (aliases,
   * nested entities); each call records its own release, `release:<request>:<source>`
   * for the first and `…:<call>` for the others, so none overwrites another.
   */
  call?: number;
}

export interface GatewaySignRequest extends GatewayTokenClaims {
  /** The subgraph's name, e.g. `persons`. */
  audience: string;
  /** Default 30 s: long enough for one subgraph call, short enough to be useless if captured. */
  ttlSeconds?: number;
}

export interface GatewaySigner {
  /** The compact JWT, signed synchronously (node:crypto): no WebCrypto round trip per subgraph call (decision 0013). */
  sign(request: GatewaySignRequest): string;
}

/**
 * Signs the token the gateway sends each subgraph in `Authorization: Bearer`.
 * Every call gets its own token (fresh `jti`), since subgraphs refuse a `jti`
 * seen before: sign per subgraph fetch, not per partner request.
 *
 * fast-jwt signs with node:crypto directly; the token is the same JWS that
 * jose would produce (EdDSA over Ed25519, header `alg`, `typ`, `kid`), so
 * either library verifies it.
 */
export function createGatewaySigner(options: { privateJwk: JWK; kid?: string }): GatewaySigner {
  const key = ed25519PrivateKey(options.privateJwk, 'The gateway signing key');
  const kid = options.kid ?? options.privateJwk.kid;
  const signJwt = createSigner({
    algorithm: 'EdDSA',
    // fast-jwt takes keys as PEM; the KeyObject above already checked the JWK.
    key: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    iss: GATEWAY_ISSUER,
    header: { alg: 'EdDSA', typ: GATEWAY_TOKEN_TYPE },
    ...(kid ? { kid } : {}),
  });
  return {
    sign({ audience, partnerId, purpose, authorizationIds, requestId, citizenSsin, call, ttlSeconds = 30 }) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1)
        throw new RangeError('ttlSeconds must be a whole number of seconds, at least 1.');
      const iat = Math.floor(Date.now() / 1000);
      const citizen = citizenSsin !== undefined ? { cit: citizenSsin } : {};
      const nth = call !== undefined && call > 1 ? { call } : {};
      return signJwt({
        partner: partnerId,
        purpose,
        authz: authorizationIds,
        rid: requestId,
        ...citizen,
        ...nth,
        aud: subgraphAudience(audience),
        jti: randomUUID(),
        iat,
        exp: iat + ttlSeconds,
      });
    },
  };
}
