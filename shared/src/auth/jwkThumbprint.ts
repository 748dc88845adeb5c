import { createHash } from 'node:crypto';
import type { JWK } from 'jose';

/** The members RFC 7638 hashes, per key type, in the lexicographic order it prescribes. */
const REQUIRED_MEMBERS: Record<string, readonly string[]> = {
  OKP: ['crv', 'kty', 'x'],
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a key's public part, synchronously: the
 * same for a private JWK and its public half, whatever `kid` or other labels
 * either carries. Undefined for a key type that has no public part (`oct`) or
 * lacks a required member.
 */
export function jwkThumbprint(jwk: JWK): string | undefined {
  const members = typeof jwk?.kty === 'string' ? REQUIRED_MEMBERS[jwk.kty] : undefined;
  if (!members) return undefined;
  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = (jwk as Record<string, unknown>)[member];
    if (typeof value !== 'string') return undefined;
    canonical[member] = value;
  }
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}
