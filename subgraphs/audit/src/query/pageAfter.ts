/**
 * The page of `sorted` (ordered by `order`) that follows `position`: the items
 * that sort after it, `size` at most, and whether more follow. Positions are
 * sort keys, not offsets, so a record written between two pages cannot make a
 * page repeat or skip one already listed.
 */
export function pageAfter<T extends { at: string; requestId: string }>(
  sorted: readonly T[],
  position: { at: string; requestId: string } | null,
  size: number,
  order: (a: { at: string; requestId: string }, b: { at: string; requestId: string }) => number,
): { items: T[]; more: boolean } {
  const start = position ? sorted.findIndex((item) => order(item, position) > 0) : 0;
  const rest = start === -1 ? [] : sorted.slice(start);
  return { items: rest.slice(0, size), more: rest.length > size };
}
