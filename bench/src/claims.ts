import { CLAIMS_HEADER, GATEWAY_AUDIENCE, mintPartnerToken, readDevPrivateKey } from '@crossroads/shared';

/** CAPAC calculating an unemployment benefit: ISC/24/017 covers the README's first query and `persons`. */
export const PARTNER = { id: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationId: 'ISC/24/017' } as const;

/** The claims a gateway with sealing off puts in the plain header; the static value the peer and the floor send. */
export const STATIC_CLAIMS = JSON.stringify({
  partnerId: PARTNER.id,
  purpose: PARTNER.purpose,
  authorizationIds: [PARTNER.authorizationId],
  requestId: 'bench',
});

export const claimsHeader = (): Record<string, string> => ({ [CLAIMS_HEADER]: STATIC_CLAIMS });

/** A partner's request headers with a fresh token (an hour: re-minted for every load run). */
export async function partnerHeaders(): Promise<Record<string, string>> {
  const token = await mintPartnerToken({
    privateJwk: readDevPrivateKey(PARTNER.id),
    partnerId: PARTNER.id,
    issuer: `urn:crossroads:partner:${PARTNER.id}`,
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 3600,
  });
  return { authorization: `Bearer ${token}`, 'x-purpose': PARTNER.purpose };
}
