import { describe, expect, it } from 'vitest';
import { refusalStatusOf } from './refusalHttpStatus.js';

const error = (code: string) => ({ message: 'x', extensions: { code } });

describe('refusalStatusOf', () => {
  it('gives a source’s refusal its documented status', () => {
    expect(refusalStatusOf({ data: null, errors: [error('TIME_RANGE_TOO_LONG')] })).toBe(400);
    expect(refusalStatusOf({ data: { auditLogOfPartner: null }, errors: [error('INVALID_CURSOR')] })).toBe(400);
    expect(refusalStatusOf({ data: null, errors: [error('NOT_OWN_DATA')] })).toBe(403);
  });

  it('leaves a partial answer, and errors that are no refusal, alone', () => {
    expect(refusalStatusOf({ data: { a: null, b: 1 }, errors: [error('PAGE_SIZE_OUT_OF_RANGE')] })).toBeUndefined();
    expect(refusalStatusOf({ data: null, errors: [error('SOURCE_UNAVAILABLE')] })).toBeUndefined();
    expect(refusalStatusOf({ data: { a: 1 } })).toBeUndefined();
  });
});
