/**
 * A small seeded pseudo-random generator. Not `Math.random`: the same seed must
 * give byte-identical data on every machine and Node version, so that a
 * reported problem can be reproduced from `--persons N --seed S` alone.
 */

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit seed from several integers (seed, person index, purpose…). Each
 * person gets a stream of their own, so changing how many draws one person
 * needs never shifts the data of the next one.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = fmix32(h ^ (part >>> 0));
    h = fmix32(h + Math.floor(part / 2 ** 32));
  }
  return h;
}

/** A 32-bit hash of a string, for deriving stable per-key draws (e.g. per employer). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** mulberry32: 32 bits of state, fast, and good enough for synthetic data (not for cryptography). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller); one value per call keeps the stream easy to reason about. */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Items drawn in proportion to their weights; built once, drawn many times (binary search over cumulative weights). */
export class WeightedTable<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]> = []) {
    for (const [item, weight] of entries) this.add(item, weight);
  }

  add(item: T, weight: number): this {
    if (!(weight > 0)) return this;
    this.total += weight;
    this.items.push(item);
    this.cumulative.push(this.total);
    return this;
  }

  get size(): number {
    return this.items.length;
  }

  draw(rng: Random): T {
    if (this.items.length === 0) throw new Error('cannot draw from an empty table');
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Shorthand for a table from a `{ value: weight }` record; missing or zero weights are never drawn. */
export function weights<K extends string>(record: Partial<Record<K, number>>): WeightedTable<K> {
  return new WeightedTable(Object.entries(record) as Array<[K, number]>);
}
