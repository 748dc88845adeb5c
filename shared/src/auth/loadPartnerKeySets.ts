import type { JWTVerifyGetKey } from 'jose';
import type { Partner } from '../authz/model.js';
import { loadKeySet } from './loadKeySet.js';
import { unauthenticated } from './unauthenticated.js';

/**
 * One key resolver per partner, built once when the gateway starts (see
 * loadKeySet: a broken file stops the start with a message naming the partner).
 */
export function loadPartnerKeySets(partners: Map<string, Partner>, policyDir: string): Map<string, JWTVerifyGetKey> {
  const keySets = new Map<string, JWTVerifyGetKey>();
  for (const partner of partners.values()) {
    keySets.set(
      partner.id,
      loadKeySet(partner.jwks, {
        policyDir,
        where: `partner ${partner.id} (${partner.location.file}:${partner.location.line})`,
        unavailable: () =>
          unauthenticated('PARTNER_KEYS_UNAVAILABLE', "The partner's published keys (its JWKS URL) could not be fetched; try again later."),
      }),
    );
  }
  return keySets;
}
