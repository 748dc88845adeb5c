import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { COMMITTED_DEVELOPMENT_KEYS } from './committedDevelopmentKeys.js';
import { jwkThumbprint } from './jwkThumbprint.js';
import { repoRoot } from '../config/repoRoot.js';

/**
 * Keys that anyone with the repository holds, by RFC 7638 thumbprint, each with
 * where it comes from (for the refusal message). Recognised by the public key,
 * never by a file name: a development key copied into an operator's file or
 * pasted into a variable is still one.
 */
export type DevelopmentKeys = ReadonlyMap<string, string>;

/** Where the development audit key of `npm start` is kept (not committed, but a development key all the same). */
export const DEVELOPMENT_AUDIT_KEYS_FILE = '.data/audit-keys.json';

/**
 * Every development key this checkout knows: the private keys in dev-keys/,
 * every key published in authz-policies/keys/, the development audit key
 * `npm start` keeps in .data/, and the list committed in code (so that an
 * image stripped of dev-keys/ and the key files still recognises them).
 */
export function readDevelopmentKeys(root: string = repoRoot): DevelopmentKeys {
  const known = new Map<string, string>();
  const add = (jwk: unknown, source: string) => {
    const thumbprint = typeof jwk === 'object' && jwk !== null ? jwkThumbprint(jwk as JWK) : undefined;
    if (thumbprint && !known.has(thumbprint)) known.set(thumbprint, source);
  };
  for (const file of jsonFiles(path.join(root, 'dev-keys'))) add(readJson(file), relative(root, file));
  for (const file of jsonFiles(path.join(root, 'authz-policies', 'keys'))) {
    const jwks = readJson(file) as { keys?: unknown } | undefined;
    if (Array.isArray(jwks?.keys)) for (const jwk of jwks.keys) add(jwk, relative(root, file));
  }
  const auditKeys = readJson(path.join(root, DEVELOPMENT_AUDIT_KEYS_FILE)) as { publicJwk?: unknown } | undefined;
  if (auditKeys) add(auditKeys.publicJwk, `the development audit key of npm start (${DEVELOPMENT_AUDIT_KEYS_FILE})`);
  for (const { thumbprint, source } of COMMITTED_DEVELOPMENT_KEYS) if (!known.has(thumbprint)) known.set(thumbprint, source);
  return known;
}

/** The first of `keys` that is a development key, with its thumbprint and origin; undefined when none is. */
export function findDevelopmentKey(
  keys: readonly unknown[],
  known: DevelopmentKeys,
): { index: number; thumbprint: string; source: string } | undefined {
  for (const [index, key] of keys.entries()) {
    const thumbprint = typeof key === 'object' && key !== null ? jwkThumbprint(key as JWK) : undefined;
    const source = thumbprint && known.get(thumbprint);
    if (thumbprint && source) return { index, thumbprint, source };
  }
  return undefined;
}

/**
 * Throws when any of `keys` is a development key: `what` names where the key
 * was given (a variable, a partner's key file). The message names the key by
 * thumbprint and origin, never quotes it (it may be private).
 */
export function refuseDevelopmentKeys(keys: readonly unknown[], what: string, known: DevelopmentKeys): void {
  const found = findDevelopmentKey(keys, known);
  if (!found) return;
  throw new DevelopmentKeyError(
    `${what}${keys.length > 1 ? ` (key ${found.index + 1} of ${keys.length})` : ''} is a development key (thumbprint ${found.thumbprint}, ${found.source}), ` +
      'whose private half anyone with the repository holds. Outside development (CROSSROADS_ENV=development, test or benchmark) ' +
      "every key must be this deployment's own: see docs/operations.md.",
  );
}

export class DevelopmentKeyError extends Error {
  override name = 'DevelopmentKeyError';
}

function jsonFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
