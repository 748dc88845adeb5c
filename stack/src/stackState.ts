import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './services.js';

/** Where `npm start` says what it runs, for `npm run policies:reload` and other local tools. */
export const DEFAULT_STACK_STATE_FILE = path.join(repoRoot, '.data', 'stack.json');

/** A running local stack: which process serves what, on which port. */
export interface StackState {
  /** The process that started the stack (`npm start`). */
  pid: number;
  startedAt: string;
  /** The policy directory every service reads (AUTHZ_POLICY_DIR), absolute: problems are reported relative to it. */
  policyDir: string;
  services: { name: string; pid: number; port: number; replica?: number; metricsPort?: number }[];
  /** CROSSROADS_ENV of the stack's services. */
  crossroadsEnv?: string;
  /**
   * The embedded database's connection string, for the maintenance commands (`npm run audit -- verify`) to find
   * it by themselves; absent when the stack runs over the operator's MONGODB_URI, which is never written down.
   */
  mongoUri?: string;
  /** The audit witness file every writer appends to. */
  witnessFile?: string;
  /** The public keys of the audit checkpoints (the development key of `.data/audit-keys.json`). */
  auditPublicKeys?: unknown[];
  /** The balancer's configuration, when the stack runs replicas. */
  balancerConfig?: string;
}

export function writeStackState(file: string, state: StackState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole then renamed: a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** The state a stack left, or a message saying why there is none to read. */
export function readStackState(file: string): StackState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`No running stack: ${file} does not exist (npm start writes it, and removes it when it stops).`);
  }
  const state = JSON.parse(text) as Partial<StackState>;
  if (!Array.isArray(state.services) || typeof state.policyDir !== 'string') throw new Error(`${file} is not a stack state file.`);
  return state as StackState;
}

/** Removes the state file, if it is still this stack's (a newer stack may have replaced it). */
export function removeStackState(file: string, pid: number = process.pid): void {
  try {
    if ((JSON.parse(fs.readFileSync(file, 'utf8')) as StackState).pid === pid) fs.rmSync(file);
  } catch {
    // already gone
  }
}
