import { verify, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { ed25519PublicKey } from '../../auth/ed25519Keys.js';
import type { Checkpoint } from '../records.js';
import { auditKeyId } from './auditKeys.js';
import { checkpointId, checkpointPayload } from './checkpointPayload.js';

/** Public keys by key id, prepared once for a whole verification run. */
export type CheckpointKeys = ReadonlyMap<string, KeyObject>;

export function checkpointKeys(publicJwks: readonly JWK[]): CheckpointKeys {
  return new Map(
    publicJwks.map((jwk, i) => {
      const key = ed25519PublicKey(jwk, `Audit public key ${i + 1}`);
      return [auditKeyId(key), key] as const;
    }),
  );
}

export type CheckpointVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Whether a stored checkpoint is one a listed key signed. Never throws on a
 * bad checkpoint (it is data under test); says why it is refused instead.
 */
export function verifyCheckpoint(checkpoint: Checkpoint, keys: readonly JWK[] | CheckpointKeys): CheckpointVerdict {
  const keySet = Array.isArray(keys) ? checkpointKeys(keys) : (keys as CheckpointKeys);
  const { chain, seq, hash, at, keyId, signature, closing } = checkpoint ?? ({} as Checkpoint);
  if (typeof chain !== 'string' || !Number.isSafeInteger(seq) || seq < 0 || typeof hash !== 'string' || typeof at !== 'string')
    return { valid: false, reason: 'it lacks a chain, seq, hash or at of the right type' };
  if (closing !== undefined && closing !== true) return { valid: false, reason: 'its closing flag is not true' };
  // `_id` is not signed; one that disagrees with what is signed was written by hand.
  const id = checkpointId(chain, seq, closing);
  if (checkpoint._id !== id) return { valid: false, reason: `its _id is not ${id}` };
  if (typeof keyId !== 'string' || typeof signature !== 'string') return { valid: false, reason: 'it lacks a keyId or signature' };
  const key = keySet.get(keyId);
  if (!key) return { valid: false, reason: `it was signed by key ${keyId}, which is not among the audit public keys` };
  const ok = verify(null, checkpointPayload({ chain, seq, hash, at, closing }), key, Buffer.from(signature, 'base64url'));
  return ok ? { valid: true } : { valid: false, reason: `its signature does not verify with key ${keyId}` };
}
