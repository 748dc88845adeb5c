import { GATEWAY_AUDIENCE, mintPartnerToken, readDevPrivateKey } from '@crossroads/shared';

/** The HTTP headers of a partner's request: its bearer token (from the development keys) and its declared purpose. */
export async function partnerHeaders(partnerId: string, purpose: string): Promise<Record<string, string>> {
  const token = await mintPartnerToken({
    privateJwk: readDevPrivateKey(partnerId),
    partnerId,
    issuer: `urn:crossroads:partner:${partnerId}`,
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 300,
  });
  return { authorization: `Bearer ${token}`, 'x-purpose': purpose };
}

/** The unemployment payment institution CAPAC, calculating a benefit: reads identity, employment and payments. */
export const capacBenefit = () => partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT');
