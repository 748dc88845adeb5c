import type { IncomingMessage } from 'node:http';
import { checkPurpose, CITIZEN_PARTNER_ID, CITIZEN_PURPOSE, PURPOSE_HEADER, unverifiedIssuer, type PolicySet } from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import type { Caller } from '../startGateway.js';
import type { GatewayAccess } from './gatewayAccess.js';

/** Who is asking, from the bearer token alone. */
export type Identity = Pick<Caller, 'partnerId' | 'endUser' | 'citizenSsin'>;

/**
 * Who is asking and why. A bearer token claiming the citizens' identity
 * provider as its issuer is a citizen's, verified against that provider's keys
 * only; any other goes to the partners' authenticator. The claimed issuer only
 * picks the keys: nothing in the token counts before its signature does.
 */
export async function authenticateCaller(
  access: Pick<GatewayAccess, 'citizens' | 'authenticatorFor'>,
  policies: PolicySet,
  req: Pick<IncomingMessage, 'headers'>,
): Promise<Pick<Caller, 'partnerId' | 'purpose' | 'endUser' | 'citizenSsin'>> {
  const identity = await identifyCaller(access, policies, req);
  return { ...identity, purpose: declaredPurpose(identity, policies, req) };
}

/** The caller's verified identity; throws UNAUTHENTICATED. */
export async function identifyCaller(
  access: Pick<GatewayAccess, 'citizens' | 'authenticatorFor'>,
  policies: PolicySet,
  req: Pick<IncomingMessage, 'headers'>,
): Promise<Identity> {
  const authorization = req.headers.authorization;
  if (access.citizens && unverifiedIssuer(authorization) === access.citizens.issuer) {
    const citizen = await access.citizens.authenticate(authorization);
    // X-End-User is a partner's agent; a citizen acts for themselves, so the header is not taken.
    return { partnerId: CITIZEN_PARTNER_ID, endUser: null, citizenSsin: citizen.ssin };
  }
  const partner = await access.authenticatorFor(policies).authenticate(authorization);
  return { partnerId: partner.partnerId, endUser: header(req, 'x-end-user')?.slice(0, 200) ?? null };
}

/** The purpose an identified caller declares (X-Purpose); throws PURPOSE_REQUIRED or UNKNOWN_PURPOSE. */
export function declaredPurpose(identity: Identity, policies: PolicySet, req: Pick<IncomingMessage, 'headers'>): string {
  if (identity.citizenSsin !== undefined) {
    checkCitizenPurpose(header(req, 'x-purpose'));
    return CITIZEN_PURPOSE;
  }
  return checkPurpose(header(req, 'x-purpose'), policies.purposes);
}

/**
 * A citizen's purpose is implicit. One they declare anyway must be that one:
 * a citizen's app asking "for UNEMPLOYMENT_BENEFIT" misunderstands something,
 * and is told so rather than silently served under another purpose.
 */
function checkCitizenPurpose(declared: string | undefined): void {
  const code = declared?.trim() ?? '';
  if (code === '' || code === CITIZEN_PURPOSE) return;
  throw new GraphQLError(`A citizen's requests have one purpose, ${CITIZEN_PURPOSE}: send no ${PURPOSE_HEADER} header, or that code.`, {
    extensions: { code: 'UNKNOWN_PURPOSE', http: { status: 400 } },
  });
}

function header(req: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
