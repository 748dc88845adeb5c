import {
  DEV_CITIZEN_IDP_KEY,
  GATEWAY_AUDIENCE,
  mintCitizenToken,
  readCitizenLogin,
  readDevPrivateKey,
  policyDir,
} from '@crossroads/shared';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';

/** The citizens' identity provider of the published policy set (the development stand-in for FAS). */
export const citizenIssuer = (): string => readCitizenLogin(policyDir)!.issuer;

/** The headers of a citizen's request: a token as the identity provider issues it after a login. No purpose: it is implicit. */
export async function citizenHeaders(ssin: string): Promise<Record<string, string>> {
  const token = await mintCitizenToken({
    privateJwk: readDevPrivateKey(DEV_CITIZEN_IDP_KEY),
    ssin,
    issuer: citizenIssuer(),
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 300,
  });
  return { authorization: `Bearer ${token}` };
}

/**
 * A citizen token with any claim overridden (undefined removes it) or signed
 * with another key, for the cases the identity provider would never issue.
 */
export async function handMadeCitizenHeaders(
  claims: JWTPayload,
  key: JWK = readDevPrivateKey(DEV_CITIZEN_IDP_KEY),
): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { iss: citizenIssuer(), aud: GATEWAY_AUDIENCE, iat: now, exp: now + 300, ...claims };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  const token = await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid! }).sign(await importJWK(key, 'EdDSA'));
  return { authorization: `Bearer ${token}` };
}
