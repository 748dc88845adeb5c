import type { EmployerDoc } from '@crossroads/db';
import { wholeNumberFromEnv } from '@crossroads/shared';
import { LRUCache } from 'lru-cache';

export interface EmployerCacheOptions {
  /** Most employers kept; EMPLOYER_CACHE_MAX, default 50,000 (about 25 MB). */
  maxEntries?: number;
  /** How long an employer read from the database is served again; EMPLOYER_CACHE_TTL_MS, default 60,000. */
  ttlMs?: number;
}

export type EmployerCache = LRUCache<string, EmployerDoc>;

/**
 * Employers shared by every request of the process. Unlike the per-request
 * loaders, which hold persons' data and must not outlive the request that was
 * authorised to read it, an employer is public register data (the Crossroads
 * Bank for Enterprises publishes it) that many persons' employments point to:
 * reading it once a minute instead of once per request saves two to three of
 * the seven database reads of a single-person request (decision 0012). What is
 * served from it still passes the shield field by field, and is still recorded.
 * Employers that were not found are not cached: a new one is served at once.
 * A size or lifetime of 0 turns the cache off (null).
 */
export function createEmployerCache(options: EmployerCacheOptions = {}): EmployerCache | null {
  const max = options.maxEntries ?? 50_000;
  const ttl = options.ttlMs ?? 60_000;
  // lru-cache reads a ttl of 0 as "forever": here it means "do not cache".
  if (max === 0 || ttl === 0) return null;
  return new LRUCache<string, EmployerDoc>({ max, ttl });
}

export function employerCacheOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmployerCacheOptions {
  const read = (name: string) => wholeNumberFromEnv(env, name);
  const maxEntries = read('EMPLOYER_CACHE_MAX');
  const ttlMs = read('EMPLOYER_CACHE_TTL_MS');
  return { ...(maxEntries !== undefined ? { maxEntries } : {}), ...(ttlMs !== undefined ? { ttlMs } : {}) };
}

/** A DataLoader batch function's core: cached employers first, then one read of the rest. */
export async function employersThroughCache(
  ids: readonly string[],
  cache: EmployerCache | null,
  read: (ids: readonly string[]) => Promise<(EmployerDoc | null)[]>,
): Promise<(EmployerDoc | null)[]> {
  if (!cache) return read(ids);
  const found = new Map<string, EmployerDoc>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const docs = await read(missing);
    missing.forEach((id, i) => {
      const doc = docs[i];
      if (doc) {
        found.set(id, doc);
        cache.set(id, doc);
      }
    });
  }
  return ids.map((id) => found.get(id) ?? null);
}
