import { jwtVerify, type JWTPayload } from 'jose';
import { parseSsin, SsinError } from '../identifiers/ssin.js';
import { MAX_PARTNER_TOKEN_LIFETIME_SECONDS, PARTNER_TOKEN_ALGORITHMS } from './createPartnerAuthenticator.js';
import { explainJoseError } from './explainJoseError.js';
import type { KeyTrust } from './keyTrust.js';
import { loadKeySet } from './loadKeySet.js';
import { readBearerToken } from './readBearerToken.js';
import type { CitizenLogin } from './readCitizenLogin.js';
import { unauthenticated } from './unauthenticated.js';

/** Asymmetric only, as for partners: we hold nothing able to mint a citizen's token. */
export const CITIZEN_TOKEN_ALGORITHMS = PARTNER_TOKEN_ALGORITHMS;

/** Longest lifetime (exp − iat) of a citizen token: a leaked one opens one person's log for at most this long. */
export const MAX_CITIZEN_TOKEN_LIFETIME_SECONDS = MAX_PARTNER_TOKEN_LIFETIME_SECONDS;

export interface CitizenAuthenticatorOptions {
  login: CitizenLogin;
  /** Directory a `jwks.file` is relative to (authz-policies/), unless `keyTrust.jwksDir` is given. */
  policyDir: string;
  /** Where key files are read, which keys are refused, how remote sets are fetched; absent: as in development. */
  keyTrust?: KeyTrust;
  /** Expected `aud`, normally GATEWAY_AUDIENCE. */
  audience: string;
  /** Allowed clock skew with the identity provider; default 30 s. */
  clockToleranceSec?: number;
}

export interface AuthenticatedCitizen {
  /** The citizen's SSIN, 11 digits: the token's `sub`, checked. */
  ssin: string;
  /** The token's `jti`, when it has one. */
  tokenId?: string;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAt: number;
}

export interface CitizenAuthenticator {
  /** The issuer whose tokens this authenticator is for: a bearer token claiming it goes here and nowhere else. */
  issuer: string;
  /** Resolves to the citizen, or throws UNAUTHENTICATED (HTTP 401) with `extensions.reason`. */
  authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedCitizen>;
}

const WHAT = 'citizen token';

/**
 * Checks a citizen's `Authorization: Bearer <JWT>`, issued by the identity
 * provider citizens log in with (FAS in production): signature against that
 * provider's keys only, issuer, audience, expiry, a lifetime of at most an
 * hour, and a subject that is a valid SSIN. Key files are read here, so a
 * broken configuration stops the start.
 */
export function createCitizenAuthenticator(options: CitizenAuthenticatorOptions): CitizenAuthenticator {
  const { login, audience } = options;
  const clockTolerance = options.clockToleranceSec ?? 30;
  const keySet = loadKeySet(login.jwks, {
    policyDir: options.policyDir,
    ...(options.keyTrust ? { trust: options.keyTrust } : {}),
    where: `the citizens' identity provider (${login.location.file}:${login.location.line})`,
    unavailable: () =>
      unauthenticated(
        'CITIZEN_IDP_KEYS_UNAVAILABLE',
        "The identity provider's published keys could not be fetched, so no citizen can be authenticated now; try again later.",
      ),
  });

  async function authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedCitizen> {
    const token = readBearerToken(authorizationHeader, WHAT);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: [...CITIZEN_TOKEN_ALGORITHMS],
        issuer: login.issuer,
        audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance,
      }));
    } catch (error) {
      throw explainJoseError(error, {
        what: WHAT,
        audience,
        issuer: login.issuer,
        algorithms: CITIZEN_TOKEN_ALGORITHMS,
        keys: "the keys of the citizens' identity provider",
      });
    }
    // jose checked both are numbers; it checks neither a future iat nor the lifetime.
    const { iat, exp } = payload as { iat: number; exp: number };
    if (iat > Date.now() / 1000 + clockTolerance) {
      throw unauthenticated('TOKEN_NOT_YET_VALID', `The ${WHAT} is not valid yet ("iat" is in the future); check the sender's clock.`);
    }
    if (exp - iat > MAX_CITIZEN_TOKEN_LIFETIME_SECONDS) {
      throw unauthenticated(
        'TOKEN_LIFETIME',
        `The ${WHAT} lives too long: exp − iat may be at most ${MAX_CITIZEN_TOKEN_LIFETIME_SECONDS} seconds.`,
      );
    }
    return { ssin: subjectSsin(payload.sub), ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}), expiresAt: exp };
  }

  return { issuer: login.issuer, authenticate };
}

/** The SSIN the token is about; anything else is refused rather than guessed at, since it decides whose log is read. */
function subjectSsin(sub: unknown): string {
  try {
    if (typeof sub !== 'string') throw new SsinError('An SSIN must be given as a string of 11 digits.', 'SSIN_FORMAT');
    return parseSsin(sub).ssin;
  } catch (error) {
    if (!(error instanceof SsinError)) throw error;
    // The SSIN rules' messages never repeat the value, so the token's content stays out of the answer.
    throw unauthenticated('CITIZEN_SUBJECT_INVALID', `The ${WHAT}'s "sub" is not a valid SSIN: ${error.message}`);
  }
}
