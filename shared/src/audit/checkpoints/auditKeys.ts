import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { refuseDevelopmentKeysOutsideDevelopment } from '../../auth/keyTrustFromEnv.js';
import { ConfigError, setting } from '../../config/readSettings.js';
import { settings } from '../../config/settings.js';

export const AUDIT_SIGNING_KEY_ENV = 'AUDIT_SIGNING_KEY' as const;
export const AUDIT_PUBLIC_KEYS_ENV = 'AUDIT_PUBLIC_KEYS' as const;

export interface AuditKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * A fresh Ed25519 pair for signing checkpoints. Unlike the gateway's key, an
 * audit key must outlive the process: its public half has to stay in
 * AUDIT_PUBLIC_KEYS for as long as checkpoints it signed are kept.
 */
export function generateAuditKeyPair(): AuditKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  const common = { kid: auditKeyId(publicKey), alg: 'EdDSA', use: 'sig' };
  return { privateJwk: { ...(privateKey.export({ format: 'jwk' }) as JWK), ...common }, publicJwk: { ...publicJwk, ...common } };
}

export function auditKeyPairToEnv(pair: AuditKeyPair): { [AUDIT_SIGNING_KEY_ENV]: string; [AUDIT_PUBLIC_KEYS_ENV]: string } {
  return { [AUDIT_SIGNING_KEY_ENV]: JSON.stringify(pair.privateJwk), [AUDIT_PUBLIC_KEYS_ENV]: JSON.stringify([pair.publicJwk]) };
}

/**
 * The RFC 7638 thumbprint of an Ed25519 public key, computed here rather than
 * read from a `kid`: a checkpoint names the key that really signed it, whatever
 * label the operator gave the JWK. Synchronous, unlike jose's.
 */
export function auditKeyId(key: KeyObject): string {
  const { x } = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/**
 * The writer's checkpoint key, from AUDIT_SIGNING_KEY (checked by the settings
 * schema; refusals never quote it). Outside development never a development
 * key: whoever holds it could re-sign a rewritten chain.
 */
export function auditSigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const jwk = setting(AUDIT_SIGNING_KEY_ENV, env);
  refuseDevelopmentKeysOutsideDevelopment([jwk], AUDIT_SIGNING_KEY_ENV, env);
  return jwk;
}

/**
 * Every key whose checkpoints are trusted, from AUDIT_PUBLIC_KEYS: a list, so
 * that a new key can be added before writers switch to it and an old one kept
 * while checkpoints it signed remain. Outside development none may be a
 * development key (a checkpoint it signed proves nothing).
 */
export function auditPublicKeysFromEnv(env: NodeJS.ProcessEnv = process.env): JWK[] {
  const keys = setting(AUDIT_PUBLIC_KEYS_ENV, env);
  if (keys === undefined)
    throw new ConfigError([`${AUDIT_PUBLIC_KEYS_ENV} is not set: expected ${settings[AUDIT_PUBLIC_KEYS_ENV].expected}`]);
  refuseDevelopmentKeysOutsideDevelopment(keys, AUDIT_PUBLIC_KEYS_ENV, env);
  return keys;
}
