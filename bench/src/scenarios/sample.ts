/** `n` distinct values drawn at random from `values` (all of them, shuffled, when there are fewer). */
export function sample<T>(values: readonly T[], n: number): T[] {
  const count = Math.min(n, values.length);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(Math.random() * values.length));
  return [...picked].map((i) => values[i]!);
}
