import { describe, expect, it } from 'vitest';
import { EnterpriseNumberError, formatEnterpriseNumber, parseEnterpriseNumber } from './enterpriseNumber.js';

/** Parses and returns the EnterpriseNumberError it must throw. */
function rejection(input: string): EnterpriseNumberError {
  try {
    parseEnterpriseNumber(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EnterpriseNumberError);
    return error as EnterpriseNumberError;
  }
  throw new Error('expected parseEnterpriseNumber to reject the input');
}

describe('parseEnterpriseNumber: valid numbers', () => {
  it.each([
    // Hand-computed: 04031707 = 97 × 41 564 − 1, so mod 97 = 96 and the check is 97 − 96 = 01.
    ['0403170701'],
    // 02030160 = 97 × 20 929 + 47, check 97 − 47 = 50.
    ['0203016050'],
    // 10000000 = 97 × 103 092 + 76, check 97 − 76 = 21.
    ['1000000021'],
  ])('accepts the hand-computed number %s', (input) => {
    expect(parseEnterpriseNumber(input)).toBe(input);
  });

  it('accepts numbers built by formatEnterpriseNumber', () => {
    for (const firstEight of [0, 1, 97, 4_031_707, 8_722_902, 10_000_000, 19_999_999]) {
      const number = formatEnterpriseNumber(firstEight);
      expect(number).toMatch(/^[01]\d{9}$/);
      expect(parseEnterpriseNumber(number)).toBe(number);
    }
  });

  it('uses 97 as the check digits when the first eight digits are a multiple of 97', () => {
    expect(formatEnterpriseNumber(97)).toBe('0000009797');
  });

  it.each([['BE 0403.170.701'], ['BE0403170701'], ['be 0403 170 701'], ['0403.170.701'], ['0403-170-701'], [' 0403170701 ']])(
    'accepts the formatted number %s and returns the 10 digits',
    (input) => {
      expect(parseEnterpriseNumber(input)).toBe('0403170701');
    },
  );
});

describe('parseEnterpriseNumber: invalid numbers', () => {
  it('rejects a number starting with 2 with ENTERPRISE_NUMBER_FORMAT', () => {
    // 20000000 = 97 × 206 185 + 55, so 2000000042 has the right check digits but a wrong first digit.
    expect(rejection('2000000042').rule).toBe('ENTERPRISE_NUMBER_FORMAT');
  });

  it('rejects the 9-digit form (the old VAT number without its leading 0) with ENTERPRISE_NUMBER_FORMAT', () => {
    expect(rejection('403170701').rule).toBe('ENTERPRISE_NUMBER_FORMAT');
  });

  it.each([['04031707011'], ['04O3170701'], [''], ['BE'], ['FR 0403170701'], ['0403_170_701']])(
    'rejects %j with ENTERPRISE_NUMBER_FORMAT',
    (input) => {
      expect(rejection(input).rule).toBe('ENTERPRISE_NUMBER_FORMAT');
    },
  );

  it('rejects a non-string value with ENTERPRISE_NUMBER_FORMAT', () => {
    expect(rejection(403170701 as unknown as string).rule).toBe('ENTERPRISE_NUMBER_FORMAT');
  });

  it.each([['0403170702'], ['0403170700'], ['0430170701'], ['BE 0203.016.051']])(
    'rejects wrong check digits (%s) with ENTERPRISE_NUMBER_CHECK_DIGITS',
    (input) => {
      expect(rejection(input).rule).toBe('ENTERPRISE_NUMBER_CHECK_DIGITS');
    },
  );

  it('rejects altered check digits of generated numbers with ENTERPRISE_NUMBER_CHECK_DIGITS', () => {
    for (const firstEight of [4_150_601, 8_722_902, 12_345_678]) {
      const valid = formatEnterpriseNumber(firstEight);
      const altered = valid.slice(0, 8) + String((Number(valid.slice(8)) % 97) + 1).padStart(2, '0');
      expect(rejection(altered).rule).toBe('ENTERPRISE_NUMBER_CHECK_DIGITS');
    }
  });

  it('never repeats the input digits in its error messages', () => {
    for (const input of ['0403170702', 'BE 0403.170.702', '2000000042', '403170701']) {
      expect(rejection(input).message).not.toMatch(/\d{4,}/);
    }
  });
});
