import path from 'node:path';
import { readSettings } from '../config/readSettings.js';

/**
 * The audit trail's own settings, read through the one checked schema of every
 * variable (shared/src/config/settings.ts: ranges, defaults, meanings).
 */

export const AUDIT_WITNESS_FILE_ENV = 'AUDIT_WITNESS_FILE';

/** A committed record waits at most this long for a signed checkpoint of its chain's head. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;
/** An audit write that has not completed after this long fails its request closed. */
export const DEFAULT_WRITE_TIMEOUT_MS = 5_000;

/**
 * AUDIT_CHECKPOINT_INTERVAL_MS: how long a committed record may wait before a
 * signed checkpoint covers it. Records after a chain's newest checkpoint can be
 * cut off unseen, so this bounds what an intruder (or a crash) can make
 * disappear without a trace.
 */
export function auditCheckpointIntervalMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return readSettings(['AUDIT_CHECKPOINT_INTERVAL_MS'], env).AUDIT_CHECKPOINT_INTERVAL_MS;
}

/** AUDIT_WRITE_TIMEOUT_MS: how long a request waits for its audit record before it fails closed with AUDIT_UNAVAILABLE. */
export function auditWriteTimeoutMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return readSettings(['AUDIT_WRITE_TIMEOUT_MS'], env).AUDIT_WRITE_TIMEOUT_MS;
}

/**
 * AUDIT_WITNESS_FILE: the append-only file, outside the audit database, to
 * which every writer appends its checkpoints and which verify reads; unset, no
 * witness is written (then a chain removed whole from the store, records and
 * checkpoints, leaves no trace). Resolved to an absolute path.
 */
export function auditWitnessFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = readSettings(['AUDIT_WITNESS_FILE'], env).AUDIT_WITNESS_FILE;
  return file === undefined ? undefined : path.resolve(file);
}
