import { GraphQLError } from 'graphql';

/**
 * The refusals of the audit queries. Each says what the rule is and what was
 * received (never an SSIN: these messages reach operational logs too), and
 * carries the HTTP status the code is documented with in shared/src/errors.ts.
 */
function refusal(code: string, status: number, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export function timeRangeReversed(query: string, from: string, to: string): GraphQLError {
  return refusal(
    'TIME_RANGE_REVERSED',
    400,
    `${query}: \`to\` (${to}) is before \`from\` (${from}); give the earlier Belgian day as \`from\`. Both days are included.`,
  );
}

export function timeRangeTooLong(query: string, from: string, to: string, days: number, maxDays: number): GraphQLError {
  return refusal(
    'TIME_RANGE_TOO_LONG',
    400,
    `${query} covers at most ${maxDays.toLocaleString('en')} days, both ends included; ${from} to ${to} is ` +
      `${days.toLocaleString('en')} days. Ask for shorter ranges one after the other.`,
  );
}

export function pageSizeOutOfRange(first: number): GraphQLError {
  return refusal('PAGE_SIZE_OUT_OF_RANGE', 400, `\`first\` must be from 1 to 1,000; got ${first}.`);
}

export function invalidCursor(why: string): GraphQLError {
  return refusal(
    'INVALID_CURSOR',
    400,
    `\`after\` is not a cursor of this query (${why}). Pass \`nextCursor\` exactly as received, with the same arguments, or start again without \`after\`.`,
  );
}

export function notOwnData(): GraphQLError {
  return refusal(
    'NOT_OWN_DATA',
    403,
    'A citizen reads only their own access log: authenticate with a citizen token and ask for the SSIN it names.',
  );
}
