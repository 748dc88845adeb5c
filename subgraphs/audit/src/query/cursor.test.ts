import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor.js';

const range = { from: '2026-11-01', to: '2026-11-30' };
const fingerprint = queryFingerprint('auditLogOfPartner', 'capac', range.from, range.to);
const position = {
  day: '2026-11-29',
  at: '2026-11-29T10:11:12.131Z',
  requestId: '7f0c1a3e-9b8d-4c21-a1f0-2f7e8d9c0b1a',
  until: '2026-11-29T12:00:00.000Z',
};

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code: unknown } }).extensions.code;
  }
  return 'no error';
}

describe('cursors', () => {
  it('give back the position they were made from, as base64url text', () => {
    const cursor = encodeCursor(fingerprint, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, fingerprint, range)).toEqual(position);
    const withoutDay = { at: position.at, requestId: position.requestId, until: position.until };
    expect(decodeCursor(encodeCursor(fingerprint, withoutDay), fingerprint)).toEqual(withoutDay);
  });

  it('refuse garbage, and a cursor with one character changed, with INVALID_CURSOR', () => {
    const cursor = encodeCursor(fingerprint, position);
    const changed = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    for (const bad of ['', 'not a cursor!', 'bm90IGpzb24', changed, `${cursor}x`, 'A'.repeat(2000)]) {
      expect(codeOf(() => decodeCursor(bad, fingerprint, range))).toBe('INVALID_CURSOR');
    }
  });

  it('refuse a cursor of the same query with another partner or range, and one of another query', () => {
    const cursor = encodeCursor(fingerprint, position);
    expect(codeOf(() => decodeCursor(cursor, queryFingerprint('auditLogOfPartner', 'famiwal', range.from, range.to), range))).toBe(
      'INVALID_CURSOR',
    );
    expect(codeOf(() => decodeCursor(cursor, queryFingerprint('auditLogOfPartner', 'capac', '2026-11-02', range.to), range))).toBe(
      'INVALID_CURSOR',
    );
    expect(codeOf(() => decodeCursor(cursor, queryFingerprint('auditLogOfPerson', 'capac', range.from, range.to)))).toBe('INVALID_CURSOR');
  });

  it('refuse well-formed JSON that is not a cursor: extra or missing keys, a day outside the range, a bad time', () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const good = { v: 1, q: fingerprint, d: position.day, a: position.at, r: position.requestId, u: position.until };
    expect(decodeCursor(json(good), fingerprint, range)).toEqual(position);
    for (const bad of [
      { ...good, offset: 5 },
      { ...good, d: undefined },
      { ...good, d: '2026-12-01' },
      { ...good, a: 'yesterday' },
      { ...good, u: undefined },
      { ...good, r: '' },
      { ...good, v: 2 },
      [good],
      'cursor',
    ]) {
      expect(codeOf(() => decodeCursor(json(bad), fingerprint, range))).toBe('INVALID_CURSOR');
    }
  });

  it('say what is wrong without echoing the cursor', () => {
    expect(() => decodeCursor('bm90IGpzb24', fingerprint, range)).toThrow(
      '`after` is not a cursor of this query (it does not decode). Pass `nextCursor` exactly as received, with the same arguments, or start again without `after`.',
    );
  });
});
