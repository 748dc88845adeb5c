import { parseEnterpriseNumber } from '../identifiers/enterpriseNumber.js';
import { stringScalar } from './stringScalar.js';

export const EnterpriseNumber = stringScalar({
  name: 'EnterpriseNumber',
  description: [
    'Belgian enterprise number (KBO/BCE): 10 digits starting with 0 or 1, the last two being 97 − (first eight mod 97).',
    'Input: the 10 digits, optionally with a "BE" prefix, dots, dashes and spaces (e.g. "BE 0403.170.701").',
    'Output: always the 10 digits without prefix or separators.',
    'An invalid value is rejected with extensions.rule ENTERPRISE_NUMBER_FORMAT or ENTERPRISE_NUMBER_CHECK_DIGITS.',
  ].join('\n'),
  notAString: {
    message: 'An enterprise number must be given as a string of 10 digits.',
    rule: 'ENTERPRISE_NUMBER_FORMAT',
  },
  parse: parseEnterpriseNumber,
  isValidOutput: (value) => /^[01]\d{9}$/.test(value),
});
