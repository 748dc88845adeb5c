import { sign } from 'node:crypto';
import type { JWK } from 'jose';
import { ed25519PrivateKey } from '../../auth/ed25519Keys.js';
import type { Checkpoint } from '../records.js';
import { auditKeyId } from './auditKeys.js';
import { checkpointId, checkpointPayload, type CheckpointHead } from './checkpointPayload.js';

export interface CheckpointSigner {
  /** Thumbprint of the signing key's public half; verifiers find the key by it. */
  readonly keyId: string;
  sign(head: CheckpointHead): Checkpoint;
}

/**
 * Signs chain heads with the writer's Ed25519 key. Synchronous (raw Ed25519
 * through node:crypto, tens of microseconds): the writer signs between two
 * batches and has nothing to gain from a promise. A bad key fails here, when
 * the process starts.
 */
export function createCheckpointSigner(options: { privateJwk: JWK }): CheckpointSigner {
  const key = ed25519PrivateKey(options.privateJwk, 'The audit signing key');
  const keyId = auditKeyId(key);
  return {
    keyId,
    sign(head) {
      const { chain, seq, hash, at, closing } = head;
      const signature = sign(null, checkpointPayload(head), key).toString('base64url');
      return { _id: checkpointId(chain, seq, closing), chain, seq, hash, at, keyId, signature, ...(closing === true ? { closing } : {}) };
    },
  };
}
