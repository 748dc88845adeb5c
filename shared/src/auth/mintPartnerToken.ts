import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK, type JWK } from 'jose';
import { MAX_PARTNER_TOKEN_LIFETIME_SECONDS } from './createPartnerAuthenticator.js';

export interface PartnerTokenRequest {
  /** The partner's private key (a development key: production partners sign their own tokens). */
  privateJwk: JWK;
  partnerId: string;
  issuer: string;
  audience: string;
  /** 1 to MAX_PARTNER_TOKEN_LIFETIME_SECONDS. */
  ttlSeconds: number;
}

/** A token as a partner's own authorization server would issue it (client credentials), for development and tests. */
export async function mintPartnerToken(request: PartnerTokenRequest): Promise<string> {
  const { privateJwk, ttlSeconds } = request;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_PARTNER_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`The lifetime must be a whole number of seconds from 1 to ${MAX_PARTNER_TOKEN_LIFETIME_SECONDS}.`);
  }
  const alg = privateJwk.alg ?? 'EdDSA';
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg, typ: 'JWT', ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
    .setSubject(request.partnerId)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(await importJWK(privateJwk, alg));
}
