import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { setting } from '../config/readSettings.js';
import { refuseDevelopmentKeysOutsideDevelopment } from './keyTrustFromEnv.js';

export const GATEWAY_SIGNING_KEY_ENV = 'GATEWAY_SIGNING_KEY' as const;
export const GATEWAY_PUBLIC_KEY_ENV = 'GATEWAY_PUBLIC_KEY' as const;

export interface GatewayKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * A fresh Ed25519 pair for the gateway's subgraph tokens. The stack makes one
 * per start, so no gateway key is ever stored; `kid` is the RFC 7638
 * thumbprint, which lets logs tell two starts' keys apart.
 */
export async function generateGatewayKeyPair(): Promise<GatewayKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const common = { kid, alg: 'EdDSA', use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...common }, publicJwk: { ...publicJwk, ...common } };
}

/** The environment the stack gives processes: the private key to the gateway only, the public key to every subgraph. */
export function gatewayKeyPairToEnv(pair: GatewayKeyPair): { [GATEWAY_SIGNING_KEY_ENV]: string; [GATEWAY_PUBLIC_KEY_ENV]: string } {
  return { [GATEWAY_SIGNING_KEY_ENV]: JSON.stringify(pair.privateJwk), [GATEWAY_PUBLIC_KEY_ENV]: JSON.stringify(pair.publicJwk) };
}

/**
 * The gateway's signing key, from GATEWAY_SIGNING_KEY (checked by the settings
 * schema); outside development never a development key, which would let anyone
 * with the repository sign calls every subgraph accepts.
 */
export function gatewaySigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const jwk = setting(GATEWAY_SIGNING_KEY_ENV, env);
  refuseDevelopmentKeysOutsideDevelopment([jwk], GATEWAY_SIGNING_KEY_ENV, env);
  return jwk;
}

/** The key subgraphs check gateway tokens with, from GATEWAY_PUBLIC_KEY; outside development never a development key. */
export function gatewayPublicKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const jwk = setting(GATEWAY_PUBLIC_KEY_ENV, env);
  refuseDevelopmentKeysOutsideDevelopment([jwk], GATEWAY_PUBLIC_KEY_ENV, env);
  return jwk;
}
