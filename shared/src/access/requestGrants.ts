import { applicableAuthorizations } from '../authz/applicableAuthorizations.js';
import { compileGrants, type CompiledGrants } from '../authz/compileGrants.js';
import type { Authorization, PolicySet } from '../authz/model.js';
import { CITIZEN_PARTNER_ID, CITIZEN_PURPOSE, citizenAccessAuthorization } from './citizenAccess.js';
import { selfServiceAuthorization } from './selfService.js';

export interface RequestAccess {
  partnerId: string;
  purpose: string;
  /** The Belgian calendar day of the request, `YYYY-MM-DD`. */
  today: string;
  /**
   * The authorizations that cover this request, as recorded in the audit trail
   * and named in the gateway's tokens: a partner's are the committee's
   * (self-service excluded); a citizen's is CITIZEN-ACCESS-LOG alone.
   */
  authorizations: Authorization[];
  /** What the request may read: `grantingAuthorizations` compiled. */
  grants: CompiledGrants;
  /**
   * Set when the caller is a citizen authenticated as themselves (a citizen
   * token): their SSIN. Such a request reads only its own access log.
   */
  citizenSsin?: string;
}

/** A partner's request: its authorizations for the declared purpose. */
export interface PartnerAccessRequest {
  partnerId: string;
  purpose: string;
  today: string;
  /** A subgraph, from the gateway's token: only these of the applicable authorizations count. */
  onlyIds?: readonly string[];
  citizenSsin?: undefined;
}

/** A citizen's request: the SSIN their identity provider vouched for. */
export interface CitizenAccessRequest {
  citizenSsin: string;
  today: string;
  /** As for a partner: a subgraph grants CITIZEN-ACCESS-LOG only if the gateway's token names it. */
  onlyIds?: readonly string[];
}

/**
 * What a request may read. A partner: its authorizations for the declared
 * purpose that are in force today, plus self-service. A citizen: the built-in
 * CITIZEN-ACCESS-LOG and nothing else — never self-service, never a
 * partner's authorization, whatever the policy set says. When `onlyIds` is
 * given (a subgraph, from the gateway's token), only those count: a subgraph
 * never grants more than the gateway decided, nor anything the policies it
 * loaded do not say.
 */
export function requestAccess(set: PolicySet, request: PartnerAccessRequest | CitizenAccessRequest): RequestAccess {
  const { onlyIds, today } = request;
  if (request.citizenSsin !== undefined) {
    const authorizations = [citizenAccessAuthorization].filter((a) => !onlyIds || onlyIds.includes(a.id));
    return {
      partnerId: CITIZEN_PARTNER_ID,
      purpose: CITIZEN_PURPOSE,
      today,
      authorizations,
      grants: compileGrants(authorizations),
      citizenSsin: request.citizenSsin,
    };
  }
  let authorizations = applicableAuthorizations(set, request);
  if (onlyIds) authorizations = authorizations.filter((a) => onlyIds.includes(a.id));
  return {
    partnerId: request.partnerId,
    purpose: request.purpose,
    today,
    authorizations,
    grants: compileGrants([...authorizations, selfServiceAuthorization]),
  };
}

/** Every authorization that grants something to the request: what `grants` is compiled from, and what the preventive check unites. */
export function grantingAuthorizations(access: RequestAccess): Authorization[] {
  return access.citizenSsin !== undefined ? access.authorizations : [...access.authorizations, selfServiceAuthorization];
}
