import type { EmployerDoc } from '@crossroads/db';
import { describe, expect, it } from 'vitest';
import { createEmployerCache, employerCacheOptionsFromEnv, employersThroughCache } from './employerCache.js';

const employer = (id: string) => ({ _id: id, name: `Employer ${id}` }) as unknown as EmployerDoc;

describe('employersThroughCache', () => {
  it('reads each missing employer once, then serves it from the cache', async () => {
    const cache = createEmployerCache();
    const reads: string[][] = [];
    const read = async (ids: readonly string[]) => {
      reads.push([...ids]);
      return ids.map((id) => (id === 'unknown' ? null : employer(id)));
    };
    expect((await employersThroughCache(['a', 'b', 'a'], cache, read)).map((d) => d?._id)).toEqual(['a', 'b', 'a']);
    expect((await employersThroughCache(['b', 'c'], cache, read)).map((d) => d?._id)).toEqual(['b', 'c']);
    expect(reads).toEqual([['a', 'b'], ['c']]);
  });

  it('does not cache an employer that was not found, so a new one is served at once', async () => {
    const cache = createEmployerCache();
    let exists = false;
    const read = async (ids: readonly string[]) => ids.map((id) => (exists ? employer(id) : null));
    expect(await employersThroughCache(['new'], cache, read)).toEqual([null]);
    exists = true;
    expect((await employersThroughCache(['new'], cache, read))[0]?._id).toBe('new');
  });

  it('reads again once an entry has lived its time', async () => {
    const cache = createEmployerCache({ ttlMs: 1 });
    let reads = 0;
    const read = async (ids: readonly string[]) => ids.map((id) => (reads++, employer(id)));
    await employersThroughCache(['a'], cache, read);
    await new Promise((r) => setTimeout(r, 10));
    await employersThroughCache(['a'], cache, read);
    expect(reads).toBe(2);
  });

  it('is off when its size or lifetime is 0', () => {
    expect(createEmployerCache({ ttlMs: 0 })).toBeNull();
    expect(createEmployerCache({ maxEntries: 0 })).toBeNull();
  });

  it('without a cache, reads everything', async () => {
    let reads = 0;
    await employersThroughCache(['a', 'a'], null, async (ids) => ids.map((id) => (reads++, employer(id))));
    expect(reads).toBe(2);
  });
});

describe('employerCacheOptionsFromEnv', () => {
  it('reads whole numbers and refuses anything else', () => {
    expect(employerCacheOptionsFromEnv({ EMPLOYER_CACHE_MAX: '10', EMPLOYER_CACHE_TTL_MS: '0' })).toEqual({ maxEntries: 10, ttlMs: 0 });
    expect(employerCacheOptionsFromEnv({})).toEqual({});
    expect(() => employerCacheOptionsFromEnv({ EMPLOYER_CACHE_TTL_MS: 'soon' })).toThrow(/EMPLOYER_CACHE_TTL_MS/);
  });
});
