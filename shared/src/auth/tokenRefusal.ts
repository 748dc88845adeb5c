import type { GraphQLError } from 'graphql';
import { unauthenticated } from './unauthenticated.js';

export interface TokenExpectations {
  /** Names the token in messages: "bearer token", "gateway token". */
  what: string;
  audience: string;
  issuer: string;
  /** Accepted `alg` values, named in the message when another one is used. */
  algorithms: readonly string[];
  /** Whose keys the signature was checked against, e.g. "the keys registered for the partner". */
  keys: string;
}

/**
 * The refusal of a token that fails a check, one fixed sentence per cause,
 * whichever library made the check (jose for partners' and citizens' tokens,
 * fast-jwt for the gateway's: see explainJoseError, explainFastJwtError), so
 * that `extensions.reason` and the message stay the same whatever verifies.
 * Never a claim's value: some are personal data or token content.
 */
export function tokenRefusal(expect: TokenExpectations) {
  const { what } = expect;
  return {
    expired: (): GraphQLError => unauthenticated('TOKEN_EXPIRED', `The ${what} has expired.`),
    notYetValid: (): GraphQLError =>
      unauthenticated('TOKEN_NOT_YET_VALID', `The ${what} is not valid yet ("nbf" is in the future); check the sender's clock.`),
    missingClaim: (claim: string): GraphQLError => unauthenticated('TOKEN_MALFORMED', `The ${what} has no "${claim}" claim.`),
    notANumber: (claim: string): GraphQLError => unauthenticated('TOKEN_MALFORMED', `The ${what}'s "${claim}" claim is not a number.`),
    invalidClaim: (claim: string): GraphQLError => unauthenticated('TOKEN_MALFORMED', `The ${what}'s "${claim}" claim is not valid.`),
    audience: (): GraphQLError =>
      unauthenticated('TOKEN_AUDIENCE', `The ${what} is not for this audience: "aud" must be ${expect.audience}.`),
    issuer: (): GraphQLError => unauthenticated('TOKEN_ISSUER', `The ${what} has the wrong issuer: "iss" must be ${expect.issuer}.`),
    type: (): GraphQLError => unauthenticated('TOKEN_MALFORMED', `The ${what} has the wrong "typ" header: it is another kind of token.`),
    algorithm: (): GraphQLError =>
      unauthenticated('TOKEN_SIGNATURE', `The ${what} is not signed with an accepted algorithm (${expect.algorithms.join(', ')}).`),
    signature: (): GraphQLError => unauthenticated('TOKEN_SIGNATURE', `The ${what}'s signature does not verify against ${expect.keys}.`),
    malformed: (): GraphQLError => unauthenticated('TOKEN_MALFORMED', `The ${what} is not a well-formed JWT.`),
  };
}
