import { parseSsin } from '../identifiers/ssin.js';
import { stringScalar } from './stringScalar.js';

export const SSIN = stringScalar({
  name: 'SSIN',
  description: [
    'Belgian social-security identification number (INSZ/NISS): a National Register number or a bis number.',
    'Input: the 11 digits, optionally with the separators ".", "-", "/" and spaces (e.g. "85.07.30-033.28").',
    'Output: always the 11 digits without separators.',
    "The National Register's special cases are valid: a month or day 00 (unknown), month 00 with any day digits",
    '(the serials of the birth date ran out) and the fictitious date 000001 (birth date wholly unknown).',
    'An invalid value is rejected with extensions.rule naming the broken rule: SSIN_FORMAT, SSIN_CHECK_DIGITS,',
    'SSIN_BIRTH_MONTH, SSIN_BIRTH_DAY, SSIN_BIRTH_DATE_FUTURE or SSIN_SERIAL.',
  ].join('\n'),
  notAString: { message: 'An SSIN must be given as a string of 11 digits.', rule: 'SSIN_FORMAT' },
  parse: (value) => parseSsin(value).ssin,
  isValidOutput: (value) => /^\d{11}$/.test(value),
});
