import { applicableAuthorizations } from '../authz/applicableAuthorizations.js';
import { compileGrants, type CompiledGrants } from '../authz/compileGrants.js';
import type { Authorization, PolicySet } from '../authz/model.js';
import { selfServiceAuthorization } from './selfService.js';

export interface RequestAccess {
  partnerId: string;
  purpose: string;
  /** The Belgian calendar day of the request, `YYYY-MM-DD`. */
  today: string;
  /** The committee's authorizations that cover this request (self-service excluded). */
  authorizations: Authorization[];
  /** What they grant together, self-service included. */
  grants: CompiledGrants;
}

/**
 * What a request may read: the partner's authorizations for the declared
 * purpose that are in force today. When `onlyIds` is given (a subgraph, from
 * the gateway's token), only those of them count: a subgraph never grants more
 * than the gateway decided, nor anything the policies it loaded do not say.
 */
export function requestAccess(
  set: PolicySet,
  request: { partnerId: string; purpose: string; today: string; onlyIds?: readonly string[] },
): RequestAccess {
  let authorizations = applicableAuthorizations(set, request);
  if (request.onlyIds) authorizations = authorizations.filter((a) => request.onlyIds!.includes(a.id));
  return {
    partnerId: request.partnerId,
    purpose: request.purpose,
    today: request.today,
    authorizations,
    grants: compileGrants([...authorizations, selfServiceAuthorization]),
  };
}
