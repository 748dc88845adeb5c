import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { ed25519PrivateKey, ed25519PublicKey } from './ed25519Keys.js';

export const GATEWAY_SIGNING_KEY_ENV = 'GATEWAY_SIGNING_KEY';
export const GATEWAY_PUBLIC_KEY_ENV = 'GATEWAY_PUBLIC_KEY';

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

/** The gateway's signing key, from GATEWAY_SIGNING_KEY; throws a message fit for a start-up failure. */
export function gatewaySigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const jwk = jwkFromEnv(env, GATEWAY_SIGNING_KEY_ENV, 'the gateway');
  ed25519PrivateKey(jwk, GATEWAY_SIGNING_KEY_ENV);
  return jwk;
}

/** The key subgraphs check gateway tokens with, from GATEWAY_PUBLIC_KEY. */
export function gatewayPublicKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const jwk = jwkFromEnv(env, GATEWAY_PUBLIC_KEY_ENV, 'every subgraph');
  ed25519PublicKey(jwk, GATEWAY_PUBLIC_KEY_ENV);
  return jwk;
}

function jwkFromEnv(env: NodeJS.ProcessEnv, name: string, whoGetsIt: string): JWK {
  const raw = env[name];
  if (!raw) throw new Error(`${name} is not set: the stack passes ${whoGetsIt} this key as a JWK in JSON (npm start does it for you).`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // JSON.parse's own message quotes the input, which may be a private key.
    throw new Error(`${name} is not valid JSON: it must be a JWK in JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${name} is not a JSON object: it must be a JWK.`);
  return parsed as JWK;
}
