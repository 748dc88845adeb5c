import type { DevelopmentKeys } from './developmentKeys.js';

/**
 * How often and how long a process goes to an issuer's JWKS URL. jose caches
 * the set, re-fetches it when a token names a `kid` it does not hold (that is
 * how an issuer rotates its keys), but not within `cooldownMs` of the last
 * fetch, and treats it as stale after `cacheMaxAgeMs`. We add the same
 * cooldown after a failed fetch, so that tokens naming a partner whose
 * endpoint is down cannot make the gateway fetch more than once per cooldown.
 */
export interface RemoteKeySetBounds {
  /** Longest wait for the JWKS URL to answer (JWKS_TIMEOUT_MS). */
  timeoutMs: number;
  /** Least time between two fetches of one URL, after a success or a failure (JWKS_COOLDOWN_MS). */
  cooldownMs: number;
  /** Longest a fetched set is used before it is fetched again (JWKS_CACHE_MAX_AGE_MS). */
  cacheMaxAgeMs: number;
}

export const DEFAULT_REMOTE_KEY_SET_BOUNDS: RemoteKeySetBounds = { timeoutMs: 5_000, cooldownMs: 30_000, cacheMaxAgeMs: 600_000 };

/** Largest JWKS document accepted from a URL: a real one holds a few keys, a few KiB. */
export const MAX_JWKS_BYTES = 64 * 1024;
/** Most keys accepted in one JWKS (a set during a rotation holds two or three). */
export const MAX_JWKS_KEYS = 20;

/**
 * What a process trusts as token issuers' keys, decided once at start from
 * CROSSROADS_ENV and JWKS_DIR (config/keyTrustFromSettings.ts). Absent, keys are
 * read as in development: files relative to the policy directory, nothing refused.
 */
export interface KeyTrust {
  /**
   * The directory holding the issuers' JWKS files (JWKS_DIR): `keys/capac.jwks.json`
   * in partners.yaml is read as `<jwksDir>/capac.jwks.json`. Unset: the policy
   * directory's own `keys/`, which outside development is refused.
   */
  jwksDir?: string;
  /**
   * Outside development: refuse any key whose thumbprint is a development key,
   * and any key file inside the repository.
   */
  refuse?: { developmentKeys: DevelopmentKeys; repositoryRoot: string };
  remote?: Partial<RemoteKeySetBounds>;
  /**
   * Told when a fetched JWKS is refused (a development key outside development,
   * a private key, too large): the gateway logs it at error level, since every
   * token of that issuer is refused until its keys are fixed.
   */
  onRemoteRefused?: (message: string) => void;
}
