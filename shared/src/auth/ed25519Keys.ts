import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/**
 * Ed25519 JWK → Node KeyObject, synchronously, so that a factory given a bad
 * key fails when the process starts rather than on the first request. jose
 * accepts KeyObjects directly. Messages never quote the key: it may be private.
 */
export function ed25519PrivateKey(jwk: JWK, label: string): KeyObject {
  if (!isEd25519(jwk) || typeof jwk.d !== 'string')
    throw new Error(`${label} is not an Ed25519 private key (a JWK with kty OKP, crv Ed25519, x and d).`);
  return toKeyObject(() => createPrivateKey({ key: jwk as never, format: 'jwk' }), label);
}

export function ed25519PublicKey(jwk: JWK, label: string): KeyObject {
  if (!isEd25519(jwk)) throw new Error(`${label} is not an Ed25519 public key (a JWK with kty OKP, crv Ed25519 and x).`);
  // Handing a private key to every subgraph would let any of them mint gateway tokens.
  if ('d' in jwk) throw new Error(`${label} contains a private key ("d"); give only the public part.`);
  return toKeyObject(() => createPublicKey({ key: jwk as never, format: 'jwk' }), label);
}

function isEd25519(jwk: JWK): boolean {
  return typeof jwk === 'object' && jwk !== null && jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
}

function toKeyObject(create: () => KeyObject, label: string): KeyObject {
  try {
    return create();
  } catch {
    throw new Error(`${label} is not a valid Ed25519 key (its x or d does not decode to one).`);
  }
}
