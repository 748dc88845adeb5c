import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSsin, mod97Check, parseSsin, SsinError, type SsinParts } from './ssin.js';
import { SSIN_CASES, SSIN_CASES_TODAY, ssinCaseOutcome } from './ssinCases.js';

// A fixed "today" keeps the future-date rule deterministic.
const TODAY = new Date(Date.UTC(2025, 5, 1, 12)); // 2025-06-01T12:00Z

function parse(input: string) {
  return parseSsin(input, TODAY);
}

/** Parses and returns the SsinError it must throw, so a test can check rule and message. */
function rejection(input: string, today: Date = TODAY): SsinError {
  try {
    parseSsin(input, today);
  } catch (error) {
    expect(error).toBeInstanceOf(SsinError);
    return error as SsinError;
  }
  throw new Error('expected parseSsin to reject the input');
}

/** Replaces the check digits by others that are wrong under both century rules. */
function withWrongCheck(ssin: string): string {
  const nine = ssin.slice(0, 9);
  const right = [mod97Check(Number(nine)), mod97Check(2_000_000_000 + Number(nine))];
  const wrong = [1, 2, 3].find((c) => !right.includes(c))!;
  return nine + String(wrong).padStart(2, '0');
}

describe("parseSsin: the National Register's rules (IT000), case by case", () => {
  it.each(SSIN_CASES.filter((c) => c.valid))('accepts $ssin: $what', ({ ssin, valid }) => {
    expect(parseSsin(ssin, SSIN_CASES_TODAY)).toMatchObject({
      ssin,
      register: valid!.register,
      birthDate: valid!.birthDate,
      birthDatePrecision: valid!.precision,
      gender: valid!.gender,
    });
  });

  it.each(SSIN_CASES.filter((c) => c.rule))('refuses $ssin ($what) with $rule', ({ ssin, rule }) => {
    expect(rejection(ssin, SSIN_CASES_TODAY).rule).toBe(rule);
  });

  it('covers every rule, and valid numbers of every precision in both registers', () => {
    const rules = new Set(SSIN_CASES.map((c) => c.rule).filter(Boolean));
    expect([...rules].sort()).toEqual([
      'SSIN_BIRTH_DATE_FUTURE',
      'SSIN_BIRTH_DAY',
      'SSIN_BIRTH_MONTH',
      'SSIN_CHECK_DIGITS',
      'SSIN_FORMAT',
      'SSIN_SERIAL',
    ]);
    const kinds = new Set(SSIN_CASES.filter((c) => c.valid).map((c) => `${c.valid!.register} ${c.valid!.precision}`));
    for (const register of ['NATIONAL_REGISTER', 'BIS']) {
      for (const precision of ['DAY', 'YEAR', 'UNKNOWN']) expect(kinds).toContain(`${register} ${precision}`);
    }
  });

  it('is the table docs/identifiers.md shows', () => {
    const doc = fs.readFileSync(new URL('../../../docs/identifiers.md', import.meta.url), 'utf8');
    const section = /<!-- ssin-cases:start -->([\s\S]*?)<!-- ssin-cases:end -->/.exec(doc)?.[1] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => /^\|\s*`?\d/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(SSIN_CASES.map((c) => [`\`${c.ssin}\``, c.what, ssinCaseOutcome(c)]));
  });
});

describe('parseSsin: valid numbers', () => {
  it('accepts a National Register number of a man born before 2000', () => {
    expect(parse('85073003328')).toEqual({
      ssin: '85073003328',
      register: 'NATIONAL_REGISTER',
      birthDate: '1985-07-30',
      birthDatePrecision: 'DAY',
      bornFrom2000: false,
      gender: 'MALE',
    });
  });

  it('uses the post-2000 rule (a 2 before the nine digits) for people born from 2000', () => {
    // 2030214158 mod 97 = 84, and 97 − 84 = 13.
    expect(parse('03021415813')).toEqual({
      ssin: '03021415813',
      register: 'NATIONAL_REGISTER',
      birthDate: '2003-02-14',
      birthDatePrecision: 'DAY',
      bornFrom2000: true,
      gender: 'FEMALE',
    });
  });

  it('reads a bis number with month + 40 as a bis number whose gender is known', () => {
    expect(parse('90451702125')).toEqual({
      ssin: '90451702125',
      register: 'BIS',
      birthDate: '1990-05-17',
      birthDatePrecision: 'DAY',
      bornFrom2000: false,
      gender: 'MALE',
    });
  });

  it('reads a bis number with month + 20 as a bis number whose gender is unknown', () => {
    // Hand-computed: 872315002 mod 97 = 16, and 97 − 16 = 81.
    expect(parse('87231500281')).toEqual({
      ssin: '87231500281',
      register: 'BIS',
      birthDate: '1987-03-15',
      birthDatePrecision: 'DAY',
      bornFrom2000: false,
      gender: null,
    });
  });

  it('gives a null gender to every month + 20 bis number, whatever the serial parity', () => {
    for (const serial of [2, 3]) {
      const ssin = formatSsin({ birthDate: '2011-10-09', serial, bis: 'genderUnknown' });
      expect(ssin.slice(2, 4)).toBe('30');
      expect(parse(ssin)).toMatchObject({ register: 'BIS', birthDate: '2011-10-09', bornFrom2000: true, gender: null });
    }
  });

  it('accepts the usual formatting and returns the 11 digits', () => {
    expect(parse('85.07.30-033.28').ssin).toBe('85073003328');
    expect(parse(' 85 07 30 033 28 ').ssin).toBe('85073003328');
    expect(parse('850730/033-28').ssin).toBe('85073003328');
  });

  it('accepts an unknown birth day (00)', () => {
    expect(parse('85070012362')).toMatchObject({ birthDate: '1985-07-00', gender: 'MALE' });
  });

  it('accepts an unknown birth month and day (0000)', () => {
    expect(parse('85000012313')).toMatchObject({ birthDate: '1985-00-00', birthDatePrecision: 'YEAR', gender: 'MALE' });
  });

  it('accepts month 00 with any day digits, and tells only the year (serials ran out)', () => {
    for (const day of ['01', '05', '09', '31', '99']) {
      expect(parse(formatSsin({ birthDate: `1985-00-${day}`, serial: 33 }))).toMatchObject({
        birthDate: '1985-00-00',
        birthDatePrecision: 'YEAR',
        gender: 'MALE',
      });
    }
  });

  it('judges a month-00 number by its year only: valid all through its year, in the future before it', () => {
    const ssin = formatSsin({ birthDate: '2025-00-07', serial: 2 });
    expect(parseSsin(ssin, new Date(Date.UTC(2025, 0, 1))).birthDatePrecision).toBe('YEAR');
    expect(rejection(ssin, new Date(Date.UTC(2024, 11, 31, 23))).rule).toBe('SSIN_BIRTH_DATE_FUTURE');
  });

  it('never judges the fictitious date of a wholly unknown birth date to be in the future', () => {
    // 2000-00-01 under the 2000 rule: the year 2000 is not the birth year, so no "today" refuses it.
    expect(parseSsin('00000100195', new Date(Date.UTC(1999, 0, 1)))).toMatchObject({ birthDate: null, birthDatePrecision: 'UNKNOWN' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parse('96022901578').birthDate).toBe('1996-02-29');
  });

  it('accepts 29 February 2000 under the post-2000 rule', () => {
    expect(parse('00022901531')).toMatchObject({ birthDate: '2000-02-29', bornFrom2000: true });
  });

  it('accepts the lowest serial, 001', () => {
    expect(parse('85073000160')).toMatchObject({ birthDate: '1985-07-30', gender: 'MALE' });
  });

  it('accepts the highest serial, 998 (a woman)', () => {
    expect(parse('85073099833')).toMatchObject({ birthDate: '1985-07-30', gender: 'FEMALE' });
  });

  it('accepts a birth date of today', () => {
    expect(parse(formatSsin({ birthDate: '2025-06-01', serial: 1 })).birthDate).toBe('2025-06-01');
  });

  it('accepts an unknown day in the current month', () => {
    expect(parse(formatSsin({ birthDate: '2025-06-00', serial: 1 })).birthDate).toBe('2025-06-00');
  });
});

describe('parseSsin: invalid numbers', () => {
  it.each([
    ['too short', '8507300332'],
    ['too long', '850730033288'],
    ['letters', '85O73003328'],
    ['empty', ''],
    ['separators only', '..--//'],
    ['a disallowed separator', '850730_03328'],
  ])('rejects a value that is not 11 digits (%s) with SSIN_FORMAT', (_case, input) => {
    expect(rejection(input).rule).toBe('SSIN_FORMAT');
  });

  it('rejects a non-string value with SSIN_FORMAT', () => {
    expect(rejection(85073003328 as unknown as string).rule).toBe('SSIN_FORMAT');
  });

  it.each([
    ['last check digit off by one', '85073003329'],
    ['check digits 00', '85073003300'],
    ['two digits swapped', '85070303328'],
    ['a post-2000 number with its check digits off by one', '03021415814'],
  ])('rejects wrong check digits (%s) with SSIN_CHECK_DIGITS', (_case, input) => {
    expect(rejection(input).rule).toBe('SSIN_CHECK_DIGITS');
  });

  it('rejects altered check digits of generated numbers with SSIN_CHECK_DIGITS', () => {
    const parts: SsinParts[] = [
      { birthDate: '1985-07-30', serial: 33 },
      { birthDate: '2003-02-14', serial: 158 },
      { birthDate: '1990-05-17', serial: 21, bis: 'genderKnown' },
      { birthDate: '2019-11-00', serial: 998, bis: 'genderUnknown' },
    ];
    for (const p of parts) {
      expect(rejection(withWrongCheck(formatSsin(p))).rule).toBe('SSIN_CHECK_DIGITS');
    }
  });

  it('rejects 000229 with pre-2000 check digits with SSIN_CHECK_DIGITS (only 2000 had a 29 February)', () => {
    // 000229015 mod 97 = 95, so 02 fits the 1900 rule: 1900-02-29 never existed,
    // and 2000-02-29 needs 31 (see the valid vector 00022901531).
    expect(rejection('00022901502').rule).toBe('SSIN_CHECK_DIGITS');
  });

  it.each([
    ['month 13', '85133003370'],
    ['month 33 (bis, gender unknown, 13)', '85333003316'],
    ['month 53 (bis, gender known, 13)', '85533003359'],
    ['month 19', formatSsin({ birthDate: '1985-19-01', serial: 33 })],
  ])('rejects %s with SSIN_BIRTH_MONTH', (_case, input) => {
    expect(rejection(input).rule).toBe('SSIN_BIRTH_MONTH');
  });

  it.each([
    ['day 32', '85013203323'],
    ['30 February', '85023003390'],
    ['29 February in a non-leap year', '85022903323'],
    ['31 April', formatSsin({ birthDate: '1985-04-31', serial: 33 })],
  ])('rejects %s with SSIN_BIRTH_DAY', (_case, input) => {
    expect(rejection(input).rule).toBe('SSIN_BIRTH_DAY');
  });

  it('rejects serial 000 with SSIN_SERIAL', () => {
    expect(rejection('85073000061').rule).toBe('SSIN_SERIAL');
  });

  it('rejects serial 999 with SSIN_SERIAL', () => {
    expect(rejection('85073099932').rule).toBe('SSIN_SERIAL');
  });

  it('rejects a birth date in the future with SSIN_BIRTH_DATE_FUTURE', () => {
    // 2030-01-15 under the post-2000 rule (2300115033 mod 97 = 11, 97 − 11 = 86).
    expect(rejection('30011503386').rule).toBe('SSIN_BIRTH_DATE_FUTURE');
  });

  it('rejects tomorrow as a birth date with SSIN_BIRTH_DATE_FUTURE', () => {
    expect(rejection(formatSsin({ birthDate: '2025-06-02', serial: 1 })).rule).toBe('SSIN_BIRTH_DATE_FUTURE');
  });

  it('rejects a later month of the current year with an unknown day with SSIN_BIRTH_DATE_FUTURE', () => {
    expect(rejection(formatSsin({ birthDate: '2025-11-00', serial: 1 })).rule).toBe('SSIN_BIRTH_DATE_FUTURE');
  });

  it('rejects a later year with unknown month and day with SSIN_BIRTH_DATE_FUTURE', () => {
    expect(rejection(formatSsin({ birthDate: '2026-00-00', serial: 1 })).rule).toBe('SSIN_BIRTH_DATE_FUTURE');
  });

  it('judges the future against the `today` it is given', () => {
    const ssin = formatSsin({ birthDate: '2025-06-02', serial: 1 });
    expect(parseSsin(ssin, new Date(Date.UTC(2025, 5, 2))).birthDate).toBe('2025-06-02');
  });

  it('never repeats the input digits in its error messages', () => {
    const invalid = [
      '85073003329',
      '85.07.30-033.29',
      '8507300332',
      '85133003370',
      '85023003390',
      '85073000061',
      '30011503386',
      '00022901502',
    ];
    for (const input of invalid) {
      const { message } = rejection(input);
      const digits = input.replace(/\D/g, '');
      expect(message).not.toContain(input);
      expect(message).not.toContain(digits);
      // No run of 6 or more of the input's digits (birth date, serial + check) either.
      for (let i = 0; i + 6 <= digits.length; i++) expect(message).not.toContain(digits.slice(i, i + 6));
    }
  });
});

describe('formatSsin', () => {
  it('builds the worked examples', () => {
    expect(formatSsin({ birthDate: '1985-07-30', serial: 33 })).toBe('85073003328');
    expect(formatSsin({ birthDate: '2003-02-14', serial: 158 })).toBe('03021415813');
    expect(formatSsin({ birthDate: '1990-05-17', serial: 21, bis: 'genderKnown' })).toBe('90451702125');
    expect(formatSsin({ birthDate: '1987-03-15', serial: 2, bis: 'genderUnknown' })).toBe('87231500281');
  });

  it('round-trips through parseSsin for random parts', () => {
    // A small seeded generator (mulberry32) keeps failures reproducible.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const pick = (n: number) => Math.floor(random() * n);
    const from = Date.UTC(1900, 0, 1);
    const to = TODAY.getTime();
    const bisKinds = [undefined, 'genderKnown', 'genderUnknown'] as const;

    for (let i = 0; i < 2000; i++) {
      const [year, drawnMonth, drawnDay] = new Date(from + random() * (to - from)).toISOString().slice(0, 10).split('-');
      let [month, day] = [drawnMonth, drawnDay];
      const unknown = pick(10); // about one in ten with an unknown day, one in ten with both unknown
      if (unknown === 0) day = '00';
      if (unknown === 1) [month, day] = ['00', '00'];
      const birthDate = `${year}-${month}-${day}`;
      const serial = 1 + pick(998);
      const bis = bisKinds[pick(3)];
      const parts: SsinParts = bis ? { birthDate, serial, bis } : { birthDate, serial };

      const ssin = formatSsin(parts);
      expect(ssin).toMatch(/^\d{11}$/);
      expect(parseSsin(ssin, TODAY), JSON.stringify(parts)).toEqual({
        ssin,
        register: bis ? 'BIS' : 'NATIONAL_REGISTER',
        birthDate,
        birthDatePrecision: month === '00' ? 'YEAR' : day === '00' ? 'MONTH' : 'DAY',
        bornFrom2000: Number(year) >= 2000,
        gender: bis === 'genderUnknown' ? null : serial % 2 === 1 ? 'MALE' : 'FEMALE',
      });
    }
  });
});
