import type { PolicySet, RequestLimits } from '@crossroads/shared';

/**
 * The limits of a partner that partners.yaml does not tune. Sized so that a
 * partner's real work passes with room to spare — `persons` of 1,000 SSINs in
 * variables with the README's selection costs about 520,000 — while what the
 * attack catalogue sends does not (docs/security.md, decision 0016).
 */
export const DEFAULT_PARTNER_LIMITS: Readonly<RequestLimits> = {
  requestsPerMinute: 12_000,
  concurrentRequests: 32,
  documentBytes: 32 * 1024,
  tokens: 4_000,
  depth: 12,
  aliases: 15,
  rootFields: 10,
  directives: 20,
  fields: 400,
  cost: 1_500_000,
  persons: 1_000,
};

/** A citizen reads their own access log: one person, small pages, by hand. */
export const CITIZEN_LIMITS: Readonly<RequestLimits> = {
  ...DEFAULT_PARTNER_LIMITS,
  requestsPerMinute: 120,
  concurrentRequests: 4,
  documentBytes: 8 * 1024,
  tokens: 1_000,
  aliases: 5,
  rootFields: 3,
  fields: 100,
  cost: 50_000,
  persons: 1,
};

/** The limits that hold for a caller under a policy set. */
export function limitsFor(set: PolicySet, caller: { partnerId: string; citizenSsin?: string }): Readonly<RequestLimits> {
  if (caller.citizenSsin !== undefined) return CITIZEN_LIMITS;
  const own = set.partners.get(caller.partnerId)?.limits;
  return own ? { ...DEFAULT_PARTNER_LIMITS, ...own } : DEFAULT_PARTNER_LIMITS;
}
