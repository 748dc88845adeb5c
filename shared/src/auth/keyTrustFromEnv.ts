import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { trustsDevelopmentKeys } from '../config/crossroadsEnv.js';
import { ConfigError, readSettings } from '../config/readSettings.js';
import { isInsideRepository, repoRoot } from '../config/repoRoot.js';
import { readDevelopmentKeys, refuseDevelopmentKeys, type DevelopmentKeys } from './developmentKeys.js';
import type { KeyTrust } from './keyTrust.js';

let known: DevelopmentKeys | undefined;

/** The development keys of this checkout, read once per process. */
export function developmentKeys(): DevelopmentKeys {
  return (known ??= readDevelopmentKeys());
}

/**
 * The trust of a process in token issuers' keys, from CROSSROADS_ENV, JWKS_DIR
 * and the JWKS_* bounds. Outside development JWKS_DIR, when set, must be a
 * directory outside the repository.
 */
export function keyTrustFromEnv(env: NodeJS.ProcessEnv = process.env, onRemoteRefused?: (message: string) => void): KeyTrust {
  const s = readSettings(['JWKS_DIR', 'JWKS_TIMEOUT_MS', 'JWKS_COOLDOWN_MS', 'JWKS_CACHE_MAX_AGE_MS'], env);
  const production = !trustsDevelopmentKeys(env);
  if (s.JWKS_DIR !== undefined) {
    const quoted = `JWKS_DIR=${JSON.stringify(s.JWKS_DIR)}`;
    if (!isDirectory(s.JWKS_DIR)) throw new ConfigError([`${quoted}: expected a directory (there is none at that path)`]);
    if (production && isInsideRepository(s.JWKS_DIR, repoRoot)) {
      throw new ConfigError([`${quoted}: expected a directory outside the repository (outside development, keys never come from it)`]);
    }
  }
  return {
    ...(s.JWKS_DIR !== undefined ? { jwksDir: path.resolve(s.JWKS_DIR) } : {}),
    ...(production ? { refuse: { developmentKeys: developmentKeys(), repositoryRoot: repoRoot } } : {}),
    remote: { timeoutMs: s.JWKS_TIMEOUT_MS, cooldownMs: s.JWKS_COOLDOWN_MS, cacheMaxAgeMs: s.JWKS_CACHE_MAX_AGE_MS },
    ...(onRemoteRefused ? { onRemoteRefused } : {}),
  };
}

/**
 * Outside development, throws when any of `keys` (given in the variable or
 * file `what`) is a development key: the gateway's pair, the audit keys.
 */
export function refuseDevelopmentKeysOutsideDevelopment(keys: readonly JWK[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  if (trustsDevelopmentKeys(env)) return;
  refuseDevelopmentKeys(keys, what, developmentKeys());
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
