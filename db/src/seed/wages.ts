import type { Random } from './prng.js';

/**
 * Gross monthly full-time wages, 2022 (Statbel via [H]): median €3,728,
 * 10th percentile €2,443, 90th €6,305. The distribution is right-skewed more
 * than one log-normal allows (fitting both tails gives σ 0.33 below the median
 * and 0.41 above), so a split log-normal is used: each half is the log-normal
 * that passes through the median and its own decile. All three quantiles hold.
 */
const MEDIAN = 3_728;
const P10 = 2_443;
const P90 = 6_305;
const Z90 = 1.2815515655446004;
const SIGMA_LOW = Math.log(MEDIAN / P10) / Z90;
const SIGMA_HIGH = Math.log(P90 / MEDIAN) / Z90;

/** GMMI/RMMMG from 1 April 2024, €2,029.88 [G]: no full-time adult earns less. */
export const MINIMUM_MONTHLY_WAGE_CENTS = 202_988;

/** The full-time monthly wage at standard-normal position `z` of the distribution, in cents. */
export function fullTimeMonthlyWageCents(z: number): number {
  const euros = MEDIAN * Math.exp(z * (z < 0 ? SIGMA_LOW : SIGMA_HIGH));
  return Math.max(MINIMUM_MONTHLY_WAGE_CENTS, Math.round(euros * 100));
}

/** Students are paid about the (youth) minimum, by the hour: as a full-time monthly equivalent, €1,900–2,400. */
export function studentMonthlyWageCents(rng: Random): number {
  return rng.int(190_000, 240_000);
}

/** Flexi-wages sit just above their legal floor (about €12 an hour in 2024). */
export function flexiMonthlyWageCents(rng: Random): number {
  return rng.int(200_000, 260_000);
}

/** Occasional workers (horeca extras, seasonal pickers) are paid by the day. */
export function dailyWageCents(rng: Random): number {
  return rng.int(9_500, 14_000);
}
