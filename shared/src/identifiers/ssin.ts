/**
 * The Belgian social-security identification number (INSZ/NISS/SSIN): the
 * National Register number, or a bis number for people who are not in the
 * register. Layout: YYMMDD + serial (3 digits, odd = man, even = woman) +
 * check (2 digits). See ../../../docs/identifiers.md for the rules and sources.
 */

export type SsinRegister = 'NATIONAL_REGISTER' | 'BIS';
export type SsinGender = 'MALE' | 'FEMALE' | null;

export interface ParsedSsin {
  /** The 11 digits, no separators. */
  ssin: string;
  register: SsinRegister;
  /** ISO date, with `00` where the month or day is unknown (as the number encodes it). */
  birthDate: string;
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
 * Parses and checks an SSIN, accepting the usual formatting (`85.07.30-033.28`).
 * Error messages never repeat the value: an SSIN is personal data and must not
 * end up in logs through an error.
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
  if (month === 0 && day !== 0) {
    throw new SsinError('An SSIN whose birth month is unknown (00) must have an unknown birth day (00) too.', 'SSIN_BIRTH_DAY');
  }
  if (month !== 0 && day > daysInMonth(year, month)) {
    // Only 29 February differs between the centuries (1900 is not a leap year,
    // 2000 is): digits 000229 with 1900-rule check digits fit nobody, while the
    // same digits with 2000-rule check digits do, so the check digits are wrong.
    if (day <= daysInMonth(year + (bornFrom2000 ? -100 : 100), month)) throw checkDigitsError();
    throw new SsinError('The SSIN birth day does not exist in its month (00 is allowed when the day is unknown).', 'SSIN_BIRTH_DAY');
  }
  // Unknown parts (00) are compared by the earliest date they could stand for:
  // a birth month later this year is in the future even when the day is unknown.
  if (Date.UTC(year, Math.max(month, 1) - 1, Math.max(day, 1)) > today.getTime()) {
    throw new SsinError('The SSIN birth date lies in the future.', 'SSIN_BIRTH_DATE_FUTURE');
  }
  if (serial < 1 || serial > 998) {
    throw new SsinError('The SSIN serial number (digits 7–9) must be between 001 and 998.', 'SSIN_SERIAL');
  }

  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    ssin,
    register,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    bornFrom2000,
    gender: genderKnown ? (serial % 2 === 1 ? 'MALE' : 'FEMALE') : null,
  };
}

export interface SsinParts {
  /** ISO date `YYYY-MM-DD`; use `00` for an unknown month or day. Years 1900–2099. */
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
