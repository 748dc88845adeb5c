import { GraphQLError } from 'graphql';
import type { Purpose } from '../authz/model.js';

/** The header a partner names its purpose in: every access to social data serves one declared purpose. */
export const PURPOSE_HEADER = 'X-Purpose';

/** Where a partner finds the codes; said in the messages instead of listing them all. */
const WHERE_CODES_ARE =
  'Use the purpose code of the authorization this request relies on; the codes are listed in the published policy set (authz-policies/purposes.yaml).';

/** What we echo back of an unknown code: only something that looks like a code, so the answer never reflects arbitrary input. */
const CODE_LIKE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The purpose code of the request, from the X-Purpose header. Throws
 * PURPOSE_REQUIRED or UNKNOWN_PURPOSE (HTTP 400): a request without a known
 * purpose is refused before anything is planned.
 */
export function checkPurpose(header: string | undefined, purposes: Map<string, Purpose>): string {
  const code = header?.trim() ?? '';
  if (code === '') {
    throw new GraphQLError(`No purpose: send the ${PURPOSE_HEADER} header with the purpose of this request. ${WHERE_CODES_ARE}`, {
      extensions: { code: 'PURPOSE_REQUIRED', http: { status: 400 } },
    });
  }
  if (!purposes.has(code)) {
    const named = CODE_LIKE.test(code)
      ? `"${code}" is not a known purpose code`
      : `The ${PURPOSE_HEADER} header is not a known purpose code`;
    throw new GraphQLError(`${named}. ${WHERE_CODES_ARE}`, { extensions: { code: 'UNKNOWN_PURPOSE', http: { status: 400 } } });
  }
  return code;
}
