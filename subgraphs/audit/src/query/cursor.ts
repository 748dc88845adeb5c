import { sha256Hex } from '@crossroads/shared';
import { invalidCursor } from './auditQueryErrors.js';

/**
 * Where a page ended: the sort key of its last item (groupRequests.ts) and,
 * for the partner view, which walks day by day, the day it was listed on.
 */
export interface Position {
  day?: string;
  at: string;
  requestId: string;
  /**
   * When the first page was read: later pages list only what was recorded by
   * then. Without it a walk could never end, since reading the trail adds to
   * it (the officer's own reads of a person are in that person's log).
   */
  until: string;
}

/**
 * What a cursor belongs to: the query and its arguments but `first` (a client
 * may change its page size between pages). A cursor of another query, partner,
 * person or range is refused rather than silently applied to this one.
 */
export function queryFingerprint(query: string, ...args: string[]): string {
  return sha256Hex(JSON.stringify([query, ...args])).slice(0, 16);
}

interface CursorJson {
  v: 1;
  q: string;
  d?: string;
  a: string;
  r: string;
  u: string;
}

const MAX_CURSOR_LENGTH = 600;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An opaque cursor: base64url of a small JSON object. Not a secret and not a
 * capability: every page is authorized on its own, and a cursor only says where
 * to resume within what the caller may read anyway.
 */
export function encodeCursor(fingerprint: string, position: Position): string {
  const json: CursorJson = {
    v: 1,
    q: fingerprint,
    ...(position.day ? { d: position.day } : {}),
    a: position.at,
    r: position.requestId,
    u: position.until,
  };
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/**
 * The position a cursor names, after checking that it is well formed, belongs
 * to this query (`fingerprint`) and, for the partner view, names a day of its
 * range. Anything else is INVALID_CURSOR.
 */
export function decodeCursor(cursor: string, fingerprint: string, days?: { from: string; to: string }): Position {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalidCursor('it is not base64url text of a cursor');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it does not decode');
  }
  if (!isCursorJson(json, days !== undefined)) throw invalidCursor('it does not decode');
  if (json.q !== fingerprint) throw invalidCursor('it was returned by another query, or with other arguments');
  if (days && (json.d! < days.from || json.d! > days.to)) throw invalidCursor('its day is outside the range asked for');
  return { ...(json.d ? { day: json.d } : {}), at: json.a, requestId: json.r, until: json.u };
}

function isCursorJson(value: unknown, withDay: boolean): value is CursorJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const json = value as Record<string, unknown>;
  const keys = Object.keys(json).sort().join(',');
  if (keys !== (withDay ? 'a,d,q,r,u,v' : 'a,q,r,u,v')) return false;
  return (
    json.v === 1 &&
    typeof json.q === 'string' &&
    typeof json.a === 'string' &&
    ISO_INSTANT.test(json.a) &&
    typeof json.u === 'string' &&
    ISO_INSTANT.test(json.u) &&
    typeof json.r === 'string' &&
    json.r.length > 0 &&
    json.r.length <= 200 &&
    (!withDay || (typeof json.d === 'string' && DAY.test(json.d)))
  );
}
