import {
  createCitizenAuthenticator,
  createPartnerAuthenticator,
  DEV_CITIZEN_IDP_KEY,
  GATEWAY_AUDIENCE,
  mintCitizenToken,
  mintPartnerToken,
  policyDir,
  readCitizenLogin,
  readDevPrivateKey,
  type PolicySet,
} from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authenticateCaller } from './authenticateCaller.js';

const SSIN = '85073003328';
const policies: PolicySet = {
  partners: new Map([
    [
      'capac',
      {
        id: 'capac',
        name: 'HVW/CAPAC',
        kind: 'PAYMENT_INSTITUTION',
        issuer: 'urn:crossroads:partner:capac',
        jwks: { file: 'keys/capac.jwks.json' },
        location: { file: 'partners.yaml', line: 1 },
      },
    ],
  ]),
  capacities: new Map(),
  purposes: new Map([['UNEMPLOYMENT_BENEFIT', { code: 'UNEMPLOYMENT_BENEFIT', description: 'benefits' }]]),
  authorizations: [],
};
const partners = createPartnerAuthenticator({ partners: policies.partners, policyDir, audience: GATEWAY_AUDIENCE });
const citizens = createCitizenAuthenticator({ login: readCitizenLogin(policyDir)!, policyDir, audience: GATEWAY_AUDIENCE });
const gateway = { citizens, authenticatorFor: () => partners };

const citizenToken = (privateJwk = readDevPrivateKey(DEV_CITIZEN_IDP_KEY)) =>
  mintCitizenToken({ privateJwk, ssin: SSIN, issuer: 'urn:crossroads:idp:citizens', audience: GATEWAY_AUDIENCE, ttlSeconds: 60 });
const capacToken = () =>
  mintPartnerToken({
    privateJwk: readDevPrivateKey('capac'),
    partnerId: 'capac',
    issuer: 'urn:crossroads:partner:capac',
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 60,
  });
const request = (headers: Record<string, string>) => ({ headers });

/** The refusal as a caller sees it. */
async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return { message: (error as GraphQLError).message, extensions: (error as GraphQLError).extensions };
}

describe('authenticateCaller', () => {
  it('takes a citizen token for the citizen: caller citizen, purpose CITIZEN_ACCESS_LOG, no end user', async () => {
    const headers = { authorization: `Bearer ${await citizenToken()}`, 'x-end-user': 'someone-else' };
    expect(await authenticateCaller(gateway, policies, request(headers))).toEqual({
      partnerId: 'citizen',
      purpose: 'CITIZEN_ACCESS_LOG',
      endUser: null,
      citizenSsin: SSIN,
    });
  });

  it('accepts a citizen declaring the implicit purpose', async () => {
    const headers = { authorization: `Bearer ${await citizenToken()}`, 'x-purpose': 'CITIZEN_ACCESS_LOG' };
    expect(await authenticateCaller(gateway, policies, request(headers))).toMatchObject({ citizenSsin: SSIN });
  });

  it("refuses a citizen declaring a partner's purpose, rather than ignoring it", async () => {
    const headers = { authorization: `Bearer ${await citizenToken()}`, 'x-purpose': 'UNEMPLOYMENT_BENEFIT' };
    expect(await refusal(authenticateCaller(gateway, policies, request(headers)))).toEqual({
      message: "A citizen's requests have one purpose, CITIZEN_ACCESS_LOG: send no X-Purpose header, or that code.",
      extensions: { code: 'UNKNOWN_PURPOSE', http: { status: 400 } },
    });
  });

  it("verifies a token claiming the citizens' issuer against the identity provider's keys only", async () => {
    const headers = { authorization: `Bearer ${await citizenToken(readDevPrivateKey('capac'))}` };
    expect(await refusal(authenticateCaller(gateway, policies, request(headers)))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE' },
    });
  });

  it('takes a partner token for the partner, as before', async () => {
    const headers = { authorization: `Bearer ${await capacToken()}`, 'x-purpose': 'UNEMPLOYMENT_BENEFIT', 'x-end-user': 'agent-7' };
    expect(await authenticateCaller(gateway, policies, request(headers))).toEqual({
      partnerId: 'capac',
      purpose: 'UNEMPLOYMENT_BENEFIT',
      endUser: 'agent-7',
    });
  });

  it('without a citizens’ identity provider, a citizen token is no one’s: PARTNER_UNKNOWN', async () => {
    const headers = { authorization: `Bearer ${await citizenToken()}` };
    expect(await refusal(authenticateCaller({ ...gateway, citizens: null }, policies, request(headers)))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'PARTNER_UNKNOWN' },
    });
  });
});
