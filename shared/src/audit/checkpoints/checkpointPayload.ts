import { canonicalJson } from '../canonicalJson.js';
import type { Checkpoint } from '../records.js';

/** What a checkpoint states: the head of `chain` at `seq` had hash `hash`, signed at `at` (and, when `closing`, that the chain ends there). */
export type CheckpointHead = Pick<Checkpoint, 'chain' | 'seq' | 'hash' | 'at' | 'closing'>;

/**
 * The bytes a checkpoint's signature covers. Only these fields: `_id` and
 * `keyId` are derived from them and from the key, so signing them too would
 * add nothing an attacker could change unnoticed. `closing` is covered when
 * set, so that no ordinary checkpoint can be made to say the chain ended, and
 * a closing one cannot be made to say it went on; checkpoints without it sign
 * the same bytes as before it existed.
 */
export function checkpointPayload({ chain, seq, hash, at, closing }: CheckpointHead): Buffer {
  return Buffer.from(canonicalJson({ chain, seq, hash, at, ...(closing === true ? { closing: true } : {}) }), 'utf8');
}

/** `<chain>:<seq>`, or `<chain>:<seq>:closing` for a closing checkpoint (which may sign a head already checkpointed). */
export function checkpointId(chain: string, seq: number, closing?: boolean): string {
  return `${chain}:${seq}${closing === true ? ':closing' : ''}`;
}
