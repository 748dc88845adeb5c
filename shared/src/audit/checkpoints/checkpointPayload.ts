import { canonicalJson } from '../canonicalJson.js';
import type { Checkpoint } from '../records.js';

/** What a checkpoint states: the head of `chain` at `seq` had hash `hash`, signed at `at`. */
export type CheckpointHead = Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'at'>;

/**
 * The bytes a checkpoint's signature covers. Only these four fields: `_id` and
 * `keyId` are derived from them and from the key, so signing them too would
 * add nothing an attacker could change unnoticed.
 */
export function checkpointPayload({ chain, seq, hash, at }: CheckpointHead): Buffer {
  return Buffer.from(canonicalJson({ chain, seq, hash, at }), 'utf8');
}

export function checkpointId(chain: string, seq: number): string {
  return `${chain}:${seq}`;
}
