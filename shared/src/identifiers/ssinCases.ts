import type { BirthDatePrecision, SsinGender, SsinRegister } from './ssin.js';

/**
 * The National Register's rules for the SSIN (instruction IT000, as described
 * in docs/identifiers.md), one case per rule and special case. ssin.test.ts
 * runs every case through parseSsin on `SSIN_CASES_TODAY`, and checks that
 * docs/identifiers.md shows exactly this table.
 */
export interface SsinCase {
  ssin: string;
  /** What the number is, in words (the docs' second column). */
  what: string;
  /** A valid number: what parseSsin tells about it. */
  valid?: { register: SsinRegister; birthDate: string | null; precision: BirthDatePrecision; gender: SsinGender };
  /** An invalid number: the rule it breaks. */
  rule?: string;
}

/** The day the future-date cases are judged on: 1 June 2025. */
export const SSIN_CASES_TODAY = new Date(Date.UTC(2025, 5, 1, 12));

const nr = (birthDate: string | null, precision: BirthDatePrecision, gender: SsinGender = 'MALE') => ({
  register: 'NATIONAL_REGISTER' as const,
  birthDate,
  precision,
  gender,
});
const bis = (birthDate: string | null, precision: BirthDatePrecision, gender: SsinGender) => ({
  register: 'BIS' as const,
  birthDate,
  precision,
  gender,
});

export const SSIN_CASES: readonly SsinCase[] = [
  { ssin: '85073003328', what: 'a man born 30 July 1985', valid: nr('1985-07-30', 'DAY') },
  { ssin: '03021415813', what: 'born 14 February 2003: check digits by the 2000 rule', valid: nr('2003-02-14', 'DAY', 'FEMALE') },
  { ssin: '00022901531', what: '29 February 2000 (2000 rule)', valid: nr('2000-02-29', 'DAY') },
  { ssin: '85070012362', what: 'day unknown (`00`)', valid: nr('1985-07-00', 'MONTH') },
  { ssin: '85000012313', what: 'month and day unknown (`0000`)', valid: nr('1985-00-00', 'YEAR') },
  {
    ssin: '85000103373',
    what: 'serials of a 1985 birth date ran out twice: `0000`, then the sixth digit counts up',
    valid: nr('1985-00-00', 'YEAR'),
  },
  { ssin: '85000503449', what: 'the sixth digit counted up to 5', valid: nr('1985-00-00', 'YEAR', 'FEMALE') },
  { ssin: '85004503512', what: 'month `00`, day digits `45`', valid: nr('1985-00-00', 'YEAR') },
  { ssin: '12000245755', what: 'serials ran out, born 2012 (2000 rule)', valid: nr('2012-00-00', 'YEAR') },
  { ssin: '25000900189', what: 'month `00` in the current year', valid: nr('2025-00-00', 'YEAR') },
  { ssin: '00000100166', what: 'fictitious date `000001`: birth date wholly unknown (1900 rule)', valid: nr(null, 'UNKNOWN') },
  { ssin: '00000100195', what: 'fictitious date `000001` (2000 rule)', valid: nr(null, 'UNKNOWN') },
  { ssin: '00000200561', what: 'born 2000, serials ran out (`000002` is not the fictitious date)', valid: nr('2000-00-00', 'YEAR') },
  { ssin: '90451702125', what: 'bis number, month + 40: gender known', valid: bis('1990-05-17', 'DAY', 'MALE') },
  { ssin: '87231500281', what: 'bis number, month + 20: gender unknown', valid: bis('1987-03-15', 'DAY', null) },
  { ssin: '85400303302', what: 'bis number (+ 40), month `00`: serials ran out', valid: bis('1985-00-00', 'YEAR', 'MALE') },
  { ssin: '85200703432', what: 'bis number (+ 20), month `00`', valid: bis('1985-00-00', 'YEAR', null) },
  { ssin: '85403202117', what: 'bis number (+ 40), month `00`, day digits `32`', valid: bis('1985-00-00', 'YEAR', 'MALE') },
  { ssin: '00400100184', what: 'bis number (+ 40), fictitious date `004001` (2000 rule)', valid: bis(null, 'UNKNOWN', 'MALE') },
  { ssin: '00200100112', what: 'bis number (+ 20), fictitious date `002001` (1900 rule)', valid: bis(null, 'UNKNOWN', null) },
  { ssin: '8507300332', what: 'ten digits', rule: 'SSIN_FORMAT' },
  { ssin: '85073003329', what: 'check digits off by one', rule: 'SSIN_CHECK_DIGITS' },
  { ssin: '00022901502', what: '`000229` with 1900-rule check digits: 1900 had no 29 February', rule: 'SSIN_CHECK_DIGITS' },
  { ssin: '85133003370', what: 'month 13', rule: 'SSIN_BIRTH_MONTH' },
  { ssin: '85333003316', what: 'bis month 33 (13 + 20)', rule: 'SSIN_BIRTH_MONTH' },
  { ssin: '85530003386', what: 'bis month 53 (13 + 40), day unknown', rule: 'SSIN_BIRTH_MONTH' },
  { ssin: '85023003390', what: '30 February', rule: 'SSIN_BIRTH_DAY' },
  { ssin: '85022903323', what: '29 February 1985', rule: 'SSIN_BIRTH_DAY' },
  { ssin: '85423003379', what: 'bis number (+ 40), 30 February', rule: 'SSIN_BIRTH_DAY' },
  { ssin: '85273203311', what: 'bis number (+ 20), 32 July', rule: 'SSIN_BIRTH_DAY' },
  { ssin: '30011503386', what: 'born 15 January 2030', rule: 'SSIN_BIRTH_DATE_FUTURE' },
  { ssin: '25110000148', what: 'November 2025, day unknown', rule: 'SSIN_BIRTH_DATE_FUTURE' },
  { ssin: '26000300196', what: 'month `00` in 2026', rule: 'SSIN_BIRTH_DATE_FUTURE' },
  { ssin: '85073000061', what: 'serial `000`', rule: 'SSIN_SERIAL' },
  { ssin: '85000299947', what: 'month `00`, serial `999`', rule: 'SSIN_SERIAL' },
  { ssin: '00000100067', what: 'fictitious date, serial `000`', rule: 'SSIN_SERIAL' },
];

/** The outcome column of the docs' table: `1985-07-30 (DAY)`, `unknown (UNKNOWN)` or the rule. */
export function ssinCaseOutcome(c: SsinCase): string {
  if (c.rule) return c.rule;
  return `${c.valid!.birthDate ?? 'unknown'} (${c.valid!.precision})`;
}
