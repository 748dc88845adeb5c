import type { JWK } from 'jose';
import { parseSsin } from '../identifiers/ssin.js';
import { mintPartnerToken } from './mintPartnerToken.js';

export interface CitizenTokenRequest {
  /** The identity provider's private key (the development key: the real provider signs its own tokens). */
  privateJwk: JWK;
  /** The citizen's SSIN; throws SsinError when it is not one. */
  ssin: string;
  issuer: string;
  audience: string;
  /** 1 to MAX_CITIZEN_TOKEN_LIFETIME_SECONDS. */
  ttlSeconds: number;
}

/**
 * A token as the citizens' identity provider would issue it after a login, for
 * development and tests. Same shape as a partner's token (sub, iss, aud, jti,
 * iat, exp); only the subject differs: the citizen's SSIN, 11 digits.
 */
export async function mintCitizenToken(request: CitizenTokenRequest): Promise<string> {
  const { ssin, ...rest } = request;
  return mintPartnerToken({ ...rest, partnerId: parseSsin(ssin).ssin });
}
