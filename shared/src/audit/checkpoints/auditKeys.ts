import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { ed25519PrivateKey, ed25519PublicKey } from '../../auth/ed25519Keys.js';

export const AUDIT_SIGNING_KEY_ENV = 'AUDIT_SIGNING_KEY';
export const AUDIT_PUBLIC_KEYS_ENV = 'AUDIT_PUBLIC_KEYS';

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

/** The writer's checkpoint key, from AUDIT_SIGNING_KEY; messages never quote the value. */
export function auditSigningKeyFromEnv(env: NodeJS.ProcessEnv = process.env): JWK {
  const parsed = jsonFromEnv(env, AUDIT_SIGNING_KEY_ENV, 'a private Ed25519 JWK in JSON');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${AUDIT_SIGNING_KEY_ENV} is not a JSON object: it must be a private Ed25519 JWK.`);
  ed25519PrivateKey(parsed as JWK, AUDIT_SIGNING_KEY_ENV);
  return parsed as JWK;
}

/**
 * Every key whose checkpoints are trusted, from AUDIT_PUBLIC_KEYS: a list, so
 * that a new key can be added before writers switch to it and an old one kept
 * while checkpoints it signed remain.
 */
export function auditPublicKeysFromEnv(env: NodeJS.ProcessEnv = process.env): JWK[] {
  const parsed = jsonFromEnv(env, AUDIT_PUBLIC_KEYS_ENV, 'a JSON array of public Ed25519 JWKs');
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error(`${AUDIT_PUBLIC_KEYS_ENV} must be a non-empty JSON array of public Ed25519 JWKs.`);
  parsed.forEach((jwk, i) => ed25519PublicKey(jwk as JWK, `${AUDIT_PUBLIC_KEYS_ENV}[${i}]`));
  return parsed as JWK[];
}

function jsonFromEnv(env: NodeJS.ProcessEnv, name: string, what: string): unknown {
  const raw = env[name];
  if (!raw) throw new Error(`${name} is not set: give ${what}.`);
  try {
    return JSON.parse(raw);
  } catch {
    // JSON.parse's own message quotes the input, which may be a private key.
    throw new Error(`${name} is not valid JSON: give ${what}.`);
  }
}
