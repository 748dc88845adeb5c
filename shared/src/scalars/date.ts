import { badUserInput } from '../errors.js';
import { stringScalar } from './stringScalar.js';

const MESSAGE = 'A Date is an ISO 8601 calendar date YYYY-MM-DD that exists (e.g. 2024-02-29), with a year from 1800 to 2199.';

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * True for a calendar date `YYYY-MM-DD` that exists. The year bounds (1800–2199)
 * reject typos such as 0985 or 2895 that a format check alone would let through.
 */
export function isIsoCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

// Not named `Date`: that would shadow the global Date in every importing module.
export const DateScalar = stringScalar({
  name: 'Date',
  description: [
    'Calendar date in the ISO 8601 / RFC 3339 full-date form YYYY-MM-DD (e.g. "2024-02-29"), in both directions.',
    'The date must exist and its year lie from 1800 to 2199; no time, no time zone.',
    'An invalid value is rejected with extensions.rule DATE_FORMAT.',
  ].join('\n'),
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  notAString: { message: MESSAGE, rule: 'DATE_FORMAT' },
  parse(value) {
    if (!isIsoCalendarDate(value)) throw badUserInput(MESSAGE, 'DATE_FORMAT');
    return value;
  },
  isValidOutput: isIsoCalendarDate,
});
