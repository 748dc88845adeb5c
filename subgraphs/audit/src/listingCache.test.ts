import { describe, expect, it } from 'vitest';
import { createListingCache } from './listingCache.js';

function counting<T>(items: T[]) {
  const load = async () => {
    load.calls++;
    return items;
  };
  load.calls = 0;
  return load;
}

const count = (items: unknown[]) => items.length;

describe('the listing cache', () => {
  it('reads a listing once for every page of a walk', async () => {
    const cache = createListingCache();
    const load = counting([1, 2, 3]);
    expect(await cache.get('capac|2026-11-29|t1', load, count)).toEqual([1, 2, 3]);
    expect(await cache.get('capac|2026-11-29|t1', load, count)).toEqual([1, 2, 3]);
    expect(load.calls).toBe(1);
  });

  it('reads it again once it expired', async () => {
    let clock = 0;
    const cache = createListingCache({ ttlMs: 1000, now: () => clock });
    const load = counting([1]);
    await cache.get('k', load, count);
    clock = 1000;
    await cache.get('k', load, count);
    expect(load.calls).toBe(2);
  });

  it('keeps within its budget of records, giving up the oldest listings, and never keeps one heavier than the budget', async () => {
    const cache = createListingCache({ maxRecords: 5 });
    const a = counting([1, 2, 3]);
    const b = counting([1, 2, 3]);
    const huge = counting([1, 2, 3, 4, 5, 6]);
    await cache.get('a', a, count);
    await cache.get('b', b, count); // 6 > 5: a goes
    await cache.get('a', a, count);
    expect(a.calls).toBe(2);
    await cache.get('huge', huge, count);
    await cache.get('huge', huge, count);
    expect(huge.calls).toBe(2);
  });
});
