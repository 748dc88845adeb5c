import { sha256Hex } from '@crossroads/shared';
import { GraphQLError } from 'graphql';

/** Where a partner's list stopped, and for which list (partner and capacity): a cursor of another list is refused. */
interface CursorFor {
  partnerId: string;
  capacity: string | null;
}

const fingerprint = ({ partnerId, capacity }: CursorFor) => sha256Hex(JSON.stringify(['following', partnerId, capacity])).slice(0, 16);

/** An opaque cursor: base64url of `{ q, s }`. Not a secret: each page is authorized on its own, and lists only the caller's entries. */
export function encodeFollowingCursor(list: CursorFor & { seq: number }): string {
  return Buffer.from(JSON.stringify({ q: fingerprint(list), s: list.seq })).toString('base64url');
}

/** The seq a cursor resumes after; INVALID_CURSOR when it is garbled or belongs to another list. */
export function decodeFollowingCursor(cursor: string, list: CursorFor): number {
  try {
    if (cursor.length > 200) throw new Error('too long');
    const json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q?: unknown; s?: unknown };
    if (json.q === fingerprint(list) && Number.isSafeInteger(json.s) && (json.s as number) >= 0) return json.s as number;
  } catch {
    // Refused below.
  }
  throw new GraphQLError('`after` is not a cursor this list returned: pass `nextCursor` exactly as received, with the same capacity.', {
    extensions: { code: 'INVALID_CURSOR' },
  });
}
