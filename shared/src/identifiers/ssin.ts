/**
 * The Belgian social-security identification number (INSZ/NISS/SSIN): the
 * National Register number, or a bis number for people who are not in the
 * register. Layout: YYMMDD + serial (3 digits, odd = man, even = woman) +
 * check (2 digits). See ../../../docs/identifiers.md for the rules and sources.
 */

export type SsinRegister = 'NATIONAL_REGISTER' | 'BIS';
export type SsinGender = 'MALE' | 'FEMALE' | null;

/**
 * How much of the birth date the number tells (the National Register's
 * instruction IT000, see docs/identifiers.md):
 * - `DAY`: the whole date;
 * - `MONTH`: year and month, the day was unknown (`YYMM00`);
 * - `YEAR`: the year only: month `00`, because month and day were unknown, or
 *   because the serials of the birth date ran out (then the day digits count
 *   the rounds of serials, not days);
 * - `UNKNOWN`: nothing, the fictitious date `000001` of a wholly unknown birth
 *   date (bis numbers: `002001`, `004001`).
 */
export type BirthDatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'UNKNOWN';

export interface ParsedSsin {
  /** The 11 digits, no separators. */
  ssin: string;
  register: SsinRegister;
  /**
   * The birth date as far as the number tells it, `YYYY-MM-DD` with `00` for
   * what it does not tell (`1985-07-00`, `1985-00-00`), or null for the
   * fictitious date of a wholly unknown birth date. Not necessarily the
   * registered birth date: a person whose number was issued after the serials
   * of their birth date ran out has a full birth date in the register.
   */
  birthDate: string | null;
  birthDatePrecision: BirthDatePrecision;
  /** Whether the check digits follow the rule for births from 2000 (a `2` before the nine digits). */
  bornFrom2000: boolean;
  /** Null for bis numbers issued when the gender was unknown (month + 20). */
  gender: SsinGender;
}

/** Why a value is not an SSIN; `rule` is stable and is returned to clients in `extensions.rule`. */
export class SsinError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'SsinError';
  }
}

const SEPARATORS = /[\s.\-/]/g;

/**
 * The fictitious birth date of a person whose birth date was wholly unknown
 * when the number was issued (year `00`, month `00`, day `01`), in the
 * National Register and, with the month + 20 or + 40, in the bis register.
 */
const FICTITIOUS_DATES = new Set(['000001', '002001', '004001']);

/** `97 − (n mod 97)`: the check used by the SSIN and the enterprise number. */
export function mod97Check(n: number): number {
  return 97 - (n % 97);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkDigitsError(): SsinError {
  return new SsinError(
    'The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.',
    'SSIN_CHECK_DIGITS',
  );
}

/**
 * Parses and checks an SSIN by the National Register's rules (IT000), accepting
 * the usual formatting (`85.07.30-033.28`). Rules, in order: 11 digits, check
 * digits (which tell the century), month (`00`–`12`, plus 20 or 40 for a bis
 * number), day (only when the month is known), not born in the future (as far
 * as the date is known), serial `001`–`998`. Error messages never repeat the
 * value: an SSIN is personal data and must not end up in logs through an error.
 */
export function parseSsin(input: string, today: Date = new Date()): ParsedSsin {
  if (typeof input !== 'string') {
    throw new SsinError('An SSIN must be given as a string of 11 digits.', 'SSIN_FORMAT');
  }
  const ssin = input.replace(SEPARATORS, '');
  if (!/^\d{11}$/.test(ssin)) {
    throw new SsinError('An SSIN has exactly 11 digits (separators ".", "-", "/" and spaces are allowed).', 'SSIN_FORMAT');
  }
  const base = Number(ssin.slice(0, 9));
  const check = Number(ssin.slice(9));
  let bornFrom2000: boolean;
  if (mod97Check(base) === check) bornFrom2000 = false;
  else if (mod97Check(2_000_000_000 + base) === check) bornFrom2000 = true;
  else throw checkDigitsError();

  const yy = Number(ssin.slice(0, 2));
  const rawMonth = Number(ssin.slice(2, 4));
  const day = Number(ssin.slice(4, 6));
  const serial = Number(ssin.slice(6, 9));

  let register: SsinRegister = 'NATIONAL_REGISTER';
  let month = rawMonth;
  let genderKnown = true;
  if (rawMonth >= 40) {
    register = 'BIS';
    month = rawMonth - 40;
  } else if (rawMonth >= 20) {
    register = 'BIS';
    month = rawMonth - 20;
    genderKnown = false;
  }
  if (month > 12) {
    throw new SsinError(
      'The SSIN birth month must be 01–12, 00 when unknown, plus 20 (bis number, gender unknown) or 40 (bis number, gender known).',
      'SSIN_BIRTH_MONTH',
    );
  }
  const year = (bornFrom2000 ? 2000 : 1900) + yy;
  // Month 00 says nothing about the day: either month and day were unknown, or
  // the serials of the birth date ran out and the day digits count the rounds
  // of serials issued since (IT000). So the day is checked only with a month.
  if (month !== 0 && day > daysInMonth(year, month)) {
    // Only 29 February differs between the centuries (1900 is not a leap year,
    // 2000 is): digits 000229 with 1900-rule check digits fit nobody, while the
    // same digits with 2000-rule check digits do, so the check digits are wrong.
    if (day <= daysInMonth(year + (bornFrom2000 ? -100 : 100), month)) throw checkDigitsError();
    throw new SsinError('The SSIN birth day does not exist in its month (00 is allowed when the day is unknown).', 'SSIN_BIRTH_DAY');
  }

  const precision: BirthDatePrecision = FICTITIOUS_DATES.has(ssin.slice(0, 6))
    ? 'UNKNOWN'
    : month === 0
      ? 'YEAR'
      : day === 0
        ? 'MONTH'
        : 'DAY';
  // Only what the number tells is compared, by the earliest date it could stand
  // for: a birth month later this year is in the future even when the day is
  // unknown; a wholly unknown date is never in the future.
  if (precision !== 'UNKNOWN') {
    const earliest = Date.UTC(year, precision === 'YEAR' ? 0 : month - 1, precision === 'DAY' ? day : 1);
    if (earliest > today.getTime()) throw new SsinError('The SSIN birth date lies in the future.', 'SSIN_BIRTH_DATE_FUTURE');
  }
  if (serial < 1 || serial > 998) {
    throw new SsinError('The SSIN serial number (digits 7–9) must be between 001 and 998.', 'SSIN_SERIAL');
  }

  const pad = (n: number) => String(n).padStart(2, '0');
  const birthDate =
    precision === 'UNKNOWN' ? null : `${year}-${pad(precision === 'YEAR' ? 0 : month)}-${pad(precision === 'DAY' ? day : 0)}`;
  return {
    ssin,
    register,
    birthDate,
    birthDatePrecision: precision,
    bornFrom2000,
    gender: genderKnown ? (serial % 2 === 1 ? 'MALE' : 'FEMALE') : null,
  };
}

export interface SsinParts {
  /**
   * The date part as the number encodes it, `YYYY-MM-DD`: `00` for an unknown
   * month or day; `YYYY-00-0d` for a number issued after the serials of the
   * birth date ran out; `1900-00-01` or `2000-00-01` for the fictitious date of
   * a wholly unknown birth date. Years 1900–2099.
   */
  birthDate: string;
  /** 1–998; odd for a man, even for a woman. */
  serial: number;
  /** Bis number: `'genderKnown'` adds 40 to the month, `'genderUnknown'` adds 20. */
  bis?: 'genderKnown' | 'genderUnknown';
}

/** Builds a valid SSIN from its parts (used by the seed generator and tests). */
export function formatSsin({ birthDate, serial, bis }: SsinParts): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const monthCode = month + (bis === 'genderKnown' ? 40 : bis === 'genderUnknown' ? 20 : 0);
  const nine = `${String(year % 100).padStart(2, '0')}${String(monthCode).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const base = Number(nine) + (year >= 2000 ? 2_000_000_000 : 0);
  return nine + String(mod97Check(base)).padStart(2, '0');
}
