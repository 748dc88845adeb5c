import type { JWTVerifyGetKey } from 'jose';
import type { Partner } from '../authz/model.js';
import { PolicyLoadError, type PolicyProblem } from '../authz/PolicyLoadError.js';
import type { KeyTrust } from './keyTrust.js';
import { loadKeySet } from './loadKeySet.js';
import { unauthenticated } from './unauthenticated.js';

/**
 * One key resolver per partner, built once per policy set. Every partner whose
 * keys cannot be trusted (a missing or broken file, a development key outside
 * development, a key file read from the repository) is reported at its line of
 * partners.yaml, all at once, as a PolicyLoadError: the start stops, or a
 * reload is refused and the set in force stays.
 */
export function loadPartnerKeySets(partners: Map<string, Partner>, policyDir: string, trust?: KeyTrust): Map<string, JWTVerifyGetKey> {
  const keySets = new Map<string, JWTVerifyGetKey>();
  const problems: PolicyProblem[] = [];
  for (const partner of partners.values()) {
    try {
      keySets.set(
        partner.id,
        loadKeySet(partner.jwks, {
          policyDir,
          ...(trust ? { trust } : {}),
          where: `partner ${partner.id}`,
          unavailable: () =>
            unauthenticated(
              'PARTNER_KEYS_UNAVAILABLE',
              "The partner's published keys (its JWKS URL) could not be fetched; try again later.",
            ),
        }),
      );
    } catch (error) {
      problems.push({ ...partner.location, message: (error as Error).message });
    }
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return keySets;
}
