/**
 * The listings a walk through the pages has read, kept for its next pages.
 *
 * A day of a partner is read whole and ordered in memory (the store answers
 * equality lookups only), so without this every page of a walk would read the
 * whole day again: on FerretDB reading a record costs about a fifth of a
 * millisecond (decision 0010), and a busy day has tens of thousands. A walk
 * lists the trail as of its first page (its `until`), so what it listed for a
 * day does not change while it pages: the listing of (partner, day, until) is
 * kept, within a budget of records, for a few minutes.
 */
export interface ListingCache {
  get<T>(key: string, load: () => Promise<T[]>, weight: (items: T[]) => number): Promise<T[]>;
}

export interface ListingCacheOptions {
  /** Most records held at once, all listings together; a listing heavier than that is not kept. Default 50,000. */
  maxRecords?: number;
  /** How long a listing is kept after it was read; default 5 minutes. */
  ttlMs?: number;
  now?: () => number;
}

export function createListingCache(options: ListingCacheOptions = {}): ListingCache {
  const maxRecords = options.maxRecords ?? 50_000;
  const ttlMs = options.ttlMs ?? 300_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { items: unknown[]; weight: number; expires: number }>();
  let held = 0;
  const drop = (key: string) => {
    held -= entries.get(key)?.weight ?? 0;
    entries.delete(key);
  };
  return {
    async get<T>(key: string, load: () => Promise<T[]>, weight: (items: T[]) => number): Promise<T[]> {
      for (const [k, entry] of entries) if (entry.expires <= now()) drop(k);
      const cached = entries.get(key);
      if (cached) return cached.items as T[];
      const items = await load();
      const w = weight(items);
      if (w > maxRecords) return items;
      // Oldest first: a walk that ended long ago gives way to one under way.
      for (const k of entries.keys()) {
        if (held + w <= maxRecords) break;
        drop(k);
      }
      drop(key);
      entries.set(key, { items, weight: w, expires: now() + ttlMs });
      held += w;
      return items;
    },
  };
}
