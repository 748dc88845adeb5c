import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../records.js';
import { auditKeyPairToEnv, auditPublicKeysFromEnv, auditSigningKeyFromEnv, generateAuditKeyPair } from './auditKeys.js';
import { createCheckpointSigner } from './createCheckpointSigner.js';
import { verifyCheckpoint } from './verifyCheckpoint.js';

const head = { chain: 'gateway:a1', seq: 41, hash: 'a'.repeat(64), at: '2026-11-02T09:00:00.000Z' };

describe('checkpoint signatures', () => {
  it('signs a head that the public key verifies, named by the key thumbprint', async () => {
    const pair = generateAuditKeyPair();
    const signer = createCheckpointSigner({ privateJwk: pair.privateJwk });
    const checkpoint = signer.sign(head);
    expect(checkpoint).toEqual({ _id: 'gateway:a1:41', ...head, keyId: signer.keyId, signature: expect.stringMatching(/^[\w-]{86}$/) });
    expect(signer.keyId).toBe(await calculateJwkThumbprint(pair.publicJwk));
    expect(verifyCheckpoint(checkpoint, [pair.publicJwk])).toEqual({ valid: true });
  });

  it('names the key by its thumbprint whatever kid the JWK carries', () => {
    const pair = generateAuditKeyPair();
    const signer = createCheckpointSigner({ privateJwk: { ...pair.privateJwk, kid: 'audit-2026' } });
    expect(signer.keyId).toBe(pair.publicJwk.kid);
    expect(verifyCheckpoint(signer.sign(head), [{ ...pair.publicJwk, kid: 'something else' }])).toEqual({ valid: true });
  });

  it.each([
    ['chain', { chain: 'gateway:b2', _id: 'gateway:b2:41' }],
    ['seq', { seq: 42, _id: 'gateway:a1:42' }],
    ['hash', { hash: 'b'.repeat(64) }],
    ['at', { at: '2026-11-02T09:00:01.000Z' }],
  ])('refuses a checkpoint whose %s was changed', (_field, change) => {
    const pair = generateAuditKeyPair();
    const signer = createCheckpointSigner({ privateJwk: pair.privateJwk });
    const changed = { ...signer.sign(head), ...change } as Checkpoint;
    expect(verifyCheckpoint(changed, [pair.publicJwk])).toEqual({
      valid: false,
      reason: `its signature does not verify with key ${signer.keyId}`,
    });
  });

  it('refuses a checkpoint whose _id disagrees with what is signed', () => {
    const pair = generateAuditKeyPair();
    const checkpoint = { ...createCheckpointSigner({ privateJwk: pair.privateJwk }).sign(head), _id: 'gateway:a1:40' };
    expect(verifyCheckpoint(checkpoint, [pair.publicJwk])).toEqual({ valid: false, reason: 'its _id is not gateway:a1:41' });
  });

  it('refuses a checkpoint signed by a key that is not listed, and accepts every listed one', () => {
    const [old, current] = [generateAuditKeyPair(), generateAuditKeyPair()];
    const signer = createCheckpointSigner({ privateJwk: old.privateJwk });
    const checkpoint = signer.sign(head);
    expect(verifyCheckpoint(checkpoint, [current.publicJwk])).toEqual({
      valid: false,
      reason: `it was signed by key ${signer.keyId}, which is not among the audit public keys`,
    });
    expect(verifyCheckpoint(checkpoint, [current.publicJwk, old.publicJwk])).toEqual({ valid: true });
  });

  it('refuses garbage without throwing', () => {
    const { publicJwk } = generateAuditKeyPair();
    expect(verifyCheckpoint({ _id: 'x' } as unknown as Checkpoint, [publicJwk]).valid).toBe(false);
    expect(verifyCheckpoint(null as unknown as Checkpoint, [publicJwk]).valid).toBe(false);
  });

  it('refuses to sign with a key that is not a private Ed25519 key', () => {
    expect(() => createCheckpointSigner({ privateJwk: generateAuditKeyPair().publicJwk })).toThrow(
      'The audit signing key is not an Ed25519 private key (a JWK with kty OKP, crv Ed25519, x and d).',
    );
  });
});

describe('audit keys from the environment', () => {
  it('round-trips a generated pair', () => {
    const pair = generateAuditKeyPair();
    const env = auditKeyPairToEnv(pair);
    const checkpoint = createCheckpointSigner({ privateJwk: auditSigningKeyFromEnv(env) }).sign(head);
    expect(verifyCheckpoint(checkpoint, auditPublicKeysFromEnv(env))).toEqual({ valid: true });
    expect(pair.publicJwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
      kid: expect.any(String),
      alg: 'EdDSA',
      use: 'sig',
    });
  });

  it('says which variable is missing', () => {
    expect(() => auditSigningKeyFromEnv({})).toThrow('AUDIT_SIGNING_KEY is not set: expected a private Ed25519 JWK in JSON');
    expect(() => auditPublicKeysFromEnv({})).toThrow(
      'AUDIT_PUBLIC_KEYS is not set: expected a non-empty JSON array of public Ed25519 JWKs',
    );
  });

  it('never quotes the value it refuses', () => {
    const secret = 'c2VjcmV0LXByaXZhdGUta2V5';
    for (const read of [auditSigningKeyFromEnv, auditPublicKeysFromEnv]) {
      for (const raw of [`{"d":"${secret}"`, `["${secret}"]`, `{"kty":"OKP","crv":"Ed25519","x":"${secret}","d":"${secret}"}`]) {
        const env = { AUDIT_SIGNING_KEY: raw, AUDIT_PUBLIC_KEYS: raw };
        expect(() => read(env)).toThrow();
        try {
          read(env);
        } catch (error) {
          expect((error as Error).message).not.toContain(secret);
        }
      }
    }
  });

  it('wants a list of public keys, without private parts', () => {
    const pair = generateAuditKeyPair();
    expect(() => auditPublicKeysFromEnv({ AUDIT_PUBLIC_KEYS: JSON.stringify(pair.publicJwk) })).toThrow(
      'AUDIT_PUBLIC_KEYS (value not shown): expected a non-empty JSON array of public Ed25519 JWKs; it is not a non-empty JSON array',
    );
    expect(() => auditPublicKeysFromEnv({ AUDIT_PUBLIC_KEYS: '[]' })).toThrow(
      /^AUDIT_PUBLIC_KEYS \(value not shown\): expected a non-empty JSON array/,
    );
    expect(() => auditPublicKeysFromEnv({ AUDIT_PUBLIC_KEYS: JSON.stringify([pair.publicJwk, pair.privateJwk]) })).toThrow(
      'AUDIT_PUBLIC_KEYS (value not shown): expected a non-empty JSON array of public Ed25519 JWKs; key 2 contains a private key ("d"); give only the public part.',
    );
  });
});
