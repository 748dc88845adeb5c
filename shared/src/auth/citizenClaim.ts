import { CITIZEN_PARTNER_ID, CITIZEN_PURPOSE } from '../access/citizenAccess.js';
import { parseSsin } from '../identifiers/ssin.js';

/**
 * Whether what the gateway vouches for about a citizen holds together: the
 * citizen's SSIN (11 digits, valid) exactly when the caller is `citizen`,
 * whose purpose is CITIZEN_ACCESS_LOG. A subgraph refuses anything else: a
 * partner's call carrying an SSIN, or a `citizen` call without one, would be
 * a gateway bug or a forgery, and either way not something to guess about.
 */
export function isConsistentCitizenClaim(claims: { partnerId: string; purpose: string; citizenSsin?: unknown }): boolean {
  const { partnerId, purpose, citizenSsin } = claims;
  if (citizenSsin === undefined) return partnerId !== CITIZEN_PARTNER_ID;
  if (partnerId !== CITIZEN_PARTNER_ID || purpose !== CITIZEN_PURPOSE || typeof citizenSsin !== 'string') return false;
  try {
    return parseSsin(citizenSsin).ssin === citizenSsin;
  } catch {
    return false;
  }
}
