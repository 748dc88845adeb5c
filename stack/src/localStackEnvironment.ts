import fs from 'node:fs';
import { readStackState } from './stackState.js';

/**
 * What `npm run audit -- verify` needs to read a local stack's trail — its database, witness file, the public key
 * of its development checkpoints and its CROSSROADS_ENV — from the state `npm start` wrote, for each variable the
 * operator did not set. Nothing is taken when the file is absent or names a stack that is no longer running, nor
 * for a stack that ran over the operator's own MONGODB_URI (which is never written down: set it again).
 */
export function localStackEnvironment(stateFile: string, env: NodeJS.ProcessEnv): { env: Record<string, string>; note?: string } {
  if (env.MONGODB_URI && env.AUDIT_PUBLIC_KEYS) return { env: {} };
  if (!fs.existsSync(stateFile)) return { env: {} };
  let state;
  try {
    state = readStackState(stateFile);
  } catch {
    return { env: {} };
  }
  if (!isRunning(state.pid)) return { env: {}, note: `${stateFile} names a stack that is not running; nothing taken from it.` };
  const found: Record<string, string> = {};
  if (!env.MONGODB_URI && state.mongoUri) found.MONGODB_URI = state.mongoUri;
  if (!env.AUDIT_PUBLIC_KEYS && state.auditPublicKeys) found.AUDIT_PUBLIC_KEYS = JSON.stringify(state.auditPublicKeys);
  if (!env.AUDIT_WITNESS_FILE && state.witnessFile) found.AUDIT_WITNESS_FILE = state.witnessFile;
  if (!env.CROSSROADS_ENV && state.crossroadsEnv) found.CROSSROADS_ENV = state.crossroadsEnv;
  const names = Object.keys(found);
  return {
    env: found,
    ...(names.length ? { note: `Using the local stack started at ${state.startedAt} (${stateFile}): ${names.join(', ')}.` } : {}),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
