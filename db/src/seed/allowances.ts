import type { AllowanceType, FamilyCategory } from '../layout.js';

/**
 * Daily allowance amounts in cents, from the glossary (section 3).
 * Full unemployment, RVA/ONEM scales from 1 January 2023 [D]: a minimum per
 * family category, a maximum that falls with the length of unemployment.
 * Temporary unemployment, November 2023 [F]. These 2023 figures are used for
 * the whole paid window (2023-10 to 2026-10): later indexations are not applied.
 */
export const FULL_UNEMPLOYMENT_MINIMUM: Record<FamilyCategory, number> = { A: 6_347, N: 5_143, B: 4_951 };
/** Maximum per day in months 1–3, 4–6 and 7–12 of unemployment. */
export const FULL_UNEMPLOYMENT_MAXIMUM = { months1to3: 7_998, months4to6: 7_383, months7to12: 6_881 } as const;
export const TEMPORARY_UNEMPLOYMENT_RANGE = { minimum: 6_479, maximum: 8_248 } as const;

/** The RVA computes a monthly amount as daily × 26 (six allowance days a week). */
export const FULL_MONTH_DAYS = 26;

/** The bounds any daily amount of this kind and category lies within; the tests check every payment against them. */
export function dailyAmountBounds(type: AllowanceType, category: FamilyCategory): { minimum: number; maximum: number } {
  if (type === 'TEMPORARY_UNEMPLOYMENT') return TEMPORARY_UNEMPLOYMENT_RANGE;
  return { minimum: FULL_UNEMPLOYMENT_MINIMUM[category], maximum: FULL_UNEMPLOYMENT_MAXIMUM.months1to3 };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * Full unemployment in the `month`-th month of a spell (1 = first): 65% of the
 * last daily wage (monthly ÷ 26) for months 1–3, 60% afterwards, within the
 * phase's maximum and the category's minimum. From month 13 the amount falls
 * step by step to the category minimum over three years (the degressive
 * phase; the exact flat rates per category are not in the glossary).
 */
export function fullUnemploymentDailyCents(referenceMonthlyWageCents: number, category: FamilyCategory, month: number): number {
  const daily = referenceMonthlyWageCents / FULL_MONTH_DAYS;
  const min = FULL_UNEMPLOYMENT_MINIMUM[category];
  if (month <= 3) return clamp(0.65 * daily, min, FULL_UNEMPLOYMENT_MAXIMUM.months1to3);
  if (month <= 6) return clamp(0.6 * daily, min, FULL_UNEMPLOYMENT_MAXIMUM.months4to6);
  const phase3 = clamp(0.6 * daily, min, FULL_UNEMPLOYMENT_MAXIMUM.months7to12);
  if (month <= 12) return phase3;
  return clamp(phase3 - ((phase3 - min) * Math.min(36, month - 12)) / 36, min, phase3);
}

/**
 * Insertion allowance (school leavers). The glossary has no amounts for it;
 * the full-unemployment minimum of the category stands in (a placeholder: the
 * real flat rates are lower for categories N and B).
 */
export function insertionDailyCents(category: FamilyCategory): number {
  return FULL_UNEMPLOYMENT_MINIMUM[category];
}

/** Temporary unemployment: 65% of the (capped) daily wage, within the November 2023 minimum and maximum [F]. */
export function temporaryUnemploymentDailyCents(monthlyWageCents: number): number {
  return clamp((0.65 * monthlyWageCents) / FULL_MONTH_DAYS, TEMPORARY_UNEMPLOYMENT_RANGE.minimum, TEMPORARY_UNEMPLOYMENT_RANGE.maximum);
}
