import type { Position } from './cursor.js';

/**
 * The instant a walk through the pages lists the trail as of: now on its first
 * page, the first page's on the next ones (carried in the cursor).
 */
export function walkUntil(position: Position | null, now: Date = new Date()): string {
  return position?.until ?? now.toISOString();
}

/** What a walk lists: the requests whose first record was made by its instant. */
export function recordedBy<T extends { at: string }>(items: readonly T[], until: string): T[] {
  return items.filter((item) => item.at <= until);
}
