import { pageSizeOutOfRange } from './auditQueryErrors.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `first` as given (null means the default), refused outside 1..1,000. */
export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw pageSizeOutOfRange(size);
  return size;
}
