import type { CivilStatus, FamilyCategory, Gender, PaymentInstitution } from '../layout.js';
import type { LanguageRegion } from '../codelists/index.js';
import { addYears, dayOf } from './calendar.js';
import { DATA_END, FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR } from './period.js';
import { WeightedTable, weights, type Random } from './prng.js';

/** Births 1940–2008: thin war years, the baby boom, and about one person in seven born from 2000. */
const birthYears = new WeightedTable<number>();
for (let y = FIRST_BIRTH_YEAR; y <= LAST_BIRTH_YEAR; y++)
  birthYears.add(y, y < 1945 ? 0.5 : y < 1950 ? 0.8 : y < 1965 ? 1 : y < 1980 ? 0.9 : 0.95);

export function birthDay(rng: Random): number {
  const year = birthYears.draw(rng);
  return dayOf(year, 1, 1) + Math.floor(rng.next() * (dayOf(year + 1, 1, 1) - dayOf(year, 1, 1)));
}

/** About 5% of the register is deceased, far more among the oldest. Deaths fall between 2000 and the end of the data. */
export function deathDay(rng: Random, birth: number, birthYear: number, notBefore: number): number | null {
  if (!rng.chance(0.42 * Math.exp(-(birthYear - FIRST_BIRTH_YEAR) / 10))) return null;
  const from = Math.max(addYears(birth, 20), dayOf(2000, 1, 1), notBefore);
  if (from >= DATA_END) return null;
  return from + Math.floor(rng.next() * (DATA_END - from + 1));
}

const CIVIL_STATUS_BY_AGE: Array<[number, WeightedTable<CivilStatus>]> = [
  [20, weights<CivilStatus>({ SINGLE: 1 })],
  [30, weights({ SINGLE: 80, MARRIED: 18, DIVORCED: 2, WIDOWED: 0, LEGALLY_SEPARATED: 0 })],
  [45, weights({ SINGLE: 42, MARRIED: 45, DIVORCED: 11, WIDOWED: 0, LEGALLY_SEPARATED: 2 })],
  [65, weights({ SINGLE: 25, MARRIED: 52, DIVORCED: 18, WIDOWED: 3, LEGALLY_SEPARATED: 2 })],
  [80, weights({ SINGLE: 10, MARRIED: 58, DIVORCED: 13, WIDOWED: 18, LEGALLY_SEPARATED: 1 })],
  [Infinity, weights({ SINGLE: 8, MARRIED: 40, DIVORCED: 8, WIDOWED: 44, LEGALLY_SEPARATED: 0 })],
];

/**
 * Civil status at `age` (National Register type 120). Nobody under 20 is
 * married here; widowhood comes late, and more often to women. Unmarried
 * couples (wettelijk samenwonend / cohabitation légale) stay SINGLE: legal
 * cohabitation is not a civil status.
 */
export function civilStatus(rng: Random, age: number, gender: Gender | null): CivilStatus {
  const status = CIVIL_STATUS_BY_AGE.find(([below]) => age < below)![1].draw(rng);
  if (status === 'WIDOWED' && gender === 'MALE' && rng.chance(0.5)) return 'MARRIED';
  return status;
}

const FAMILY = {
  married: weights<FamilyCategory>({ A: 35, B: 65 }),
  /** Young singles mostly live with their parents (cohabitant); older ones alone or with an unmarried partner. */
  youngSingle: weights<FamilyCategory>({ A: 5, N: 35, B: 60 }),
  single: weights<FamilyCategory>({ A: 15, N: 55, B: 30 }),
  separated: weights<FamilyCategory>({ A: 35, N: 55, B: 10 }),
  widowed: weights<FamilyCategory>({ A: 15, N: 80, B: 5 }),
};

/** RVA family category from the household the civil status suggests [D]: married people mostly cohabit with an earning partner (B). */
export function familyCategory(rng: Random, status: CivilStatus, age: number): FamilyCategory {
  switch (status) {
    case 'MARRIED':
      return FAMILY.married.draw(rng);
    case 'SINGLE':
      return (age < 30 ? FAMILY.youngSingle : FAMILY.single).draw(rng);
    case 'DIVORCED':
    case 'LEGALLY_SEPARATED':
      return FAMILY.separated.draw(rng);
    case 'WIDOWED':
      return FAMILY.widowed.draw(rng);
  }
}

/** The public fund (CAPAC/HVW) pays about 15% of files [L]; among the unions, ACV-CSC leads in Flanders, ABVV-FGTB in Wallonia. */
const INSTITUTIONS: Record<LanguageRegion, WeightedTable<PaymentInstitution>> = {
  FLANDERS: weights({ ACV_CSC: 44, ABVV_FGTB: 28, ACLVB_CGSLB: 13, CAPAC: 15 }),
  WALLONIA: weights({ ACV_CSC: 30, ABVV_FGTB: 45, ACLVB_CGSLB: 10, CAPAC: 15 }),
  BRUSSELS: weights({ ACV_CSC: 33, ABVV_FGTB: 35, ACLVB_CGSLB: 10, CAPAC: 22 }),
  GERMAN_SPEAKING: weights({ ACV_CSC: 50, ABVV_FGTB: 25, ACLVB_CGSLB: 10, CAPAC: 15 }),
};

export function paymentInstitution(rng: Random, region: LanguageRegion): PaymentInstitution {
  return INSTITUTIONS[region].draw(rng);
}
