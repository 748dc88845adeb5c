import { type ArgumentReach } from './diffPolicySets.js';
import { type Period } from './periodsMinus.js';

/** `36 months back`, `the whole history`. */
export function describeReach(reach: ArgumentReach): string {
  if (reach.months === null) return 'the whole history';
  if (reach.months === 0) return 'today only (0 months back)';
  return `${reach.months} months back`;
}

/** `from 2024-01-01 to 2024-03-04`, `from 2025-01-01 on (no end)`. */
export function describePeriod(period: Period): string {
  if (period.until === null) return `from ${period.from} on (no end)`;
  if (period.from === period.until) return `on ${period.from}`;
  return `from ${period.from} to ${period.until}`;
}
