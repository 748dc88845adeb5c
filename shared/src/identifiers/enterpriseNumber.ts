import { mod97Check } from './ssin.js';

/** Why a value is not an enterprise number; `rule` goes to clients in `extensions.rule`. */
export class EnterpriseNumberError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'EnterpriseNumberError';
  }
}

/**
 * Parses a KBO/BCE enterprise number: 10 digits starting with 0 or 1, the last
 * two being 97 − (first eight mod 97). Accepts `0123.456.749`, `BE 0123456749`.
 */
export function parseEnterpriseNumber(input: string): string {
  if (typeof input !== 'string') {
    throw new EnterpriseNumberError('An enterprise number must be given as a string of 10 digits.', 'ENTERPRISE_NUMBER_FORMAT');
  }
  const digits = input.replace(/^\s*BE\s*/i, '').replace(/[\s.-]/g, '');
  if (!/^[01]\d{9}$/.test(digits)) {
    throw new EnterpriseNumberError(
      'An enterprise number has exactly 10 digits and starts with 0 or 1 (an optional "BE" prefix, dots and spaces are allowed).',
      'ENTERPRISE_NUMBER_FORMAT',
    );
  }
  if (mod97Check(Number(digits.slice(0, 8))) !== Number(digits.slice(8))) {
    throw new EnterpriseNumberError(
      'The enterprise number check digits do not match: they must be 97 − (first eight digits mod 97).',
      'ENTERPRISE_NUMBER_CHECK_DIGITS',
    );
  }
  return digits;
}

/** Builds a valid enterprise number from its first eight digits (0 or 1 first). */
export function formatEnterpriseNumber(firstEight: number): string {
  const eight = String(firstEight).padStart(8, '0');
  return eight + String(mod97Check(firstEight)).padStart(2, '0');
}
