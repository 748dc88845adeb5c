import path from 'node:path';
import { wholeNumberFromEnv } from '../envNumbers.js';

/**
 * The audit trail's settings from the environment, one small reader each, so
 * that the checked schema of every variable can take them over as they are.
 * Messages name the variable and never quote a path's surroundings.
 */

export const AUDIT_CHECKPOINT_INTERVAL_MS_ENV = 'AUDIT_CHECKPOINT_INTERVAL_MS';
export const AUDIT_WRITE_TIMEOUT_MS_ENV = 'AUDIT_WRITE_TIMEOUT_MS';
export const AUDIT_WITNESS_FILE_ENV = 'AUDIT_WITNESS_FILE';

/** A committed record waits at most this long for a signed checkpoint of its chain's head. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;
/** An audit write that has not completed after this long fails its request closed. */
export const DEFAULT_WRITE_TIMEOUT_MS = 5_000;

/**
 * AUDIT_CHECKPOINT_INTERVAL_MS: how long a committed record may wait before a
 * signed checkpoint covers it (default 5,000). Records after a chain's newest
 * checkpoint can be cut off unseen, so this bounds what an intruder (or a
 * crash) can make disappear without a trace. At least 100 ms: a checkpoint is
 * an insert and an fsync of the witness.
 */
export function auditCheckpointIntervalMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = wholeNumberFromEnv(env, AUDIT_CHECKPOINT_INTERVAL_MS_ENV) ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  if (ms < 100) throw new Error(`${AUDIT_CHECKPOINT_INTERVAL_MS_ENV} must be at least 100 (milliseconds).`);
  return ms;
}

/**
 * AUDIT_WRITE_TIMEOUT_MS: how long a request waits for its audit record before
 * it fails closed with AUDIT_UNAVAILABLE (default 5,000). At least 1 ms.
 */
export function auditWriteTimeoutMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = wholeNumberFromEnv(env, AUDIT_WRITE_TIMEOUT_MS_ENV) ?? DEFAULT_WRITE_TIMEOUT_MS;
  if (ms < 1) throw new Error(`${AUDIT_WRITE_TIMEOUT_MS_ENV} must be at least 1 (milliseconds).`);
  return ms;
}

/**
 * AUDIT_WITNESS_FILE: the append-only file, outside the audit database, to
 * which every writer appends its checkpoints and which verify reads; unset, no
 * witness is written (then a chain removed whole from the store, records and
 * checkpoints, leaves no trace). Resolved to an absolute path.
 */
export function auditWitnessFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[AUDIT_WITNESS_FILE_ENV];
  if (value === undefined || value === '') return undefined;
  return path.resolve(value);
}
