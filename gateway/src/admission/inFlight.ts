/** Counts of requests in progress, in total and per key (a partner, or a citizen). */
export interface InFlight {
  readonly total: number;
  of(key: string): number;
  /** Takes a slot; the returned function gives it back (once). */
  take(key: string): () => void;
}

export function createInFlight(): InFlight {
  let total = 0;
  const perKey = new Map<string, number>();
  return {
    get total() {
      return total;
    },
    of: (key) => perKey.get(key) ?? 0,
    take(key) {
      total++;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total--;
        const left = (perKey.get(key) ?? 1) - 1;
        if (left === 0) perKey.delete(key);
        else perKey.set(key, left);
      };
    },
  };
}
