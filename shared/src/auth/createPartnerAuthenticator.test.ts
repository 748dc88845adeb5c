import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import type { Partner } from '../authz/model.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createPartnerAuthenticator } from './createPartnerAuthenticator.js';
import { readDevPrivateKey } from './devKeys.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';
import { policyDir } from '../authz/policyPaths.js';

// The development partners, as partners.yaml registers them; their keys are the published dev keys.
function partner(id: string, jwks: Partner['jwks'] = { file: `keys/${id}.jwks.json` }): Partner {
  return {
    id,
    name: id,
    kind: 'PAYMENT_INSTITUTION',
    issuer: `urn:crossroads:partner:${id}`,
    jwks,
    location: { file: 'partners.yaml', line: 1 },
  };
}
const partners = new Map([partner('capac'), partner('famiwal')].map((p) => [p.id, p]));
const { authenticate } = createPartnerAuthenticator({ partners, policyDir, audience: GATEWAY_AUDIENCE });

const capacKey = readDevPrivateKey('capac');
const famiwalKey = readDevPrivateKey('famiwal');
const now = () => Math.floor(Date.now() / 1000);

/** A token as capac would sign it, with any claim or header overridden (undefined removes a claim). */
async function token(overrides: JWTPayload = {}, options: { key?: JWK; kid?: string | undefined } = {}): Promise<string> {
  const key = options.key ?? capacKey;
  const claims: JWTPayload = {
    sub: 'capac',
    iss: 'urn:crossroads:partner:capac',
    aud: GATEWAY_AUDIENCE,
    iat: now(),
    exp: now() + 300,
    jti: 'jti-1',
    ...overrides,
  };
  for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
  const kid = 'kid' in options ? options.kid : key.kid;
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', ...(kid ? { kid } : {}) }).sign(await importJWK(key, 'EdDSA'));
}

async function refused(header: string | undefined, secret = header?.split(' ')[1]) {
  return refusal(() => authenticate(header), secret);
}

describe('createPartnerAuthenticator', () => {
  it('accepts a valid token and names the partner, the token id and the expiry', async () => {
    const exp = now() + 300;
    expect(await authenticate(`Bearer ${await token({ exp })}`)).toEqual({ partnerId: 'capac', tokenId: 'jti-1', expiresAt: exp });
  });

  it('accepts client_id when there is no sub (RFC 9068 access tokens)', async () => {
    const result = await authenticate(`Bearer ${await token({ sub: undefined, client_id: 'capac', jti: undefined })}`);
    expect(result).toEqual({ partnerId: 'capac', expiresAt: expect.any(Number) });
  });

  it('refuses a request without an Authorization header', async () => {
    expect(await refused(undefined)).toEqual(unauthenticatedError('TOKEN_MISSING', 'No bearer token: send Authorization: Bearer <token>.'));
  });

  it('refuses another scheme than Bearer', async () => {
    expect(await refused('Basic Y2FwYWM6c2VjcmV0')).toEqual(
      unauthenticatedError('TOKEN_MISSING', 'The Authorization header does not use the Bearer scheme: send Authorization: Bearer <token>.'),
    );
  });

  it('refuses Bearer without a token', async () => {
    expect(await refused('Bearer ')).toEqual(
      unauthenticatedError(
        'TOKEN_MISSING',
        'The Authorization header has no bearer token after Bearer: send Authorization: Bearer <token>.',
      ),
    );
  });

  it('refuses a token that is not a JWT', async () => {
    expect(await refused('Bearer not-a-jwt')).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token is not a JWT (header.payload.signature, base64url).'),
    );
  });

  it('refuses three base64url parts that do not decode to a JWT', async () => {
    expect(await refused('Bearer abc.def.ghi')).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token is not a well-formed JWT.'),
    );
  });

  it('refuses a token without a sub', async () => {
    expect(await refused(`Bearer ${await token({ sub: undefined })}`)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token has no "sub" naming the partner.'),
    );
  });

  it('refuses a token whose sub and client_id disagree', async () => {
    expect(await refused(`Bearer ${await token({ client_id: 'famiwal' })}`)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token\'s "sub" and "client_id" name different partners.'),
    );
  });

  it('refuses an unknown partner', async () => {
    expect(await refused(`Bearer ${await token({ sub: 'acme' })}`)).toEqual(
      unauthenticatedError('PARTNER_UNKNOWN', 'The bearer token\'s "sub" is not a registered partner.'),
    );
  });

  it("refuses a token signed with another partner's key", async () => {
    expect(await refused(`Bearer ${await token({}, { key: famiwalKey })}`)).toEqual(
      unauthenticatedError(
        'TOKEN_SIGNATURE',
        "The bearer token's signature does not verify against the keys registered for partner capac.",
      ),
    );
  });

  it("refuses a token naming the partner's key id but signed with another key", async () => {
    expect(await refused(`Bearer ${await token({}, { key: famiwalKey, kid: capacKey.kid })}`)).toEqual(
      unauthenticatedError(
        'TOKEN_SIGNATURE',
        "The bearer token's signature does not verify against the keys registered for partner capac.",
      ),
    );
  });

  it('refuses an expired token', async () => {
    expect(await refused(`Bearer ${await token({ iat: now() - 600, exp: now() - 300 })}`)).toEqual(
      unauthenticatedError('TOKEN_EXPIRED', 'The bearer token has expired.'),
    );
  });

  it('accepts a token expired less than the clock tolerance ago', async () => {
    expect(await authenticate(`Bearer ${await token({ iat: now() - 600, exp: now() - 10 })}`)).toMatchObject({ partnerId: 'capac' });
  });

  it('refuses a token that is not valid yet (nbf in the future)', async () => {
    expect(await refused(`Bearer ${await token({ nbf: now() + 300, exp: now() + 600 })}`)).toEqual(
      unauthenticatedError('TOKEN_NOT_YET_VALID', 'The bearer token is not valid yet ("nbf" is in the future); check the sender\'s clock.'),
    );
  });

  it('refuses a token issued in the future (iat)', async () => {
    expect(await refused(`Bearer ${await token({ iat: now() + 300, exp: now() + 600 })}`)).toEqual(
      unauthenticatedError('TOKEN_NOT_YET_VALID', 'The bearer token is not valid yet ("iat" is in the future); check the sender\'s clock.'),
    );
  });

  it('refuses a token for another audience', async () => {
    expect(await refused(`Bearer ${await token({ aud: 'urn:crossroads:subgraph:persons' })}`)).toEqual(
      unauthenticatedError('TOKEN_AUDIENCE', 'The bearer token is not for this audience: "aud" must be urn:crossroads:gateway.'),
    );
  });

  it('refuses a token with another issuer than the one registered for the partner', async () => {
    expect(await refused(`Bearer ${await token({ iss: 'urn:crossroads:partner:famiwal' })}`)).toEqual(
      unauthenticatedError('TOKEN_ISSUER', 'The bearer token has the wrong issuer: "iss" must be urn:crossroads:partner:capac.'),
    );
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const payload = { sub: 'capac', iss: 'urn:crossroads:partner:capac', aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300 };
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
    expect(await refused(`Bearer ${unsigned}`, unsigned)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', 'The bearer token is not signed with an accepted algorithm (EdDSA, ES256, RS256).'),
    );
  });

  it("refuses a token MACed with the partner's public key (HS256 key confusion)", async () => {
    const publicKeyBytes = new TextEncoder().encode(fs.readFileSync(path.join(policyDir, 'keys/capac.jwks.json'), 'utf8'));
    const payload = { sub: 'capac', iss: 'urn:crossroads:partner:capac', aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300 };
    const confused = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(publicKeyBytes);
    expect(await refused(`Bearer ${confused}`)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', 'The bearer token is not signed with an accepted algorithm (EdDSA, ES256, RS256).'),
    );
  });

  it('refuses a token living longer than an hour', async () => {
    expect(await refused(`Bearer ${await token({ exp: now() + 3601 })}`)).toEqual(
      unauthenticatedError('TOKEN_LIFETIME', 'The bearer token lives too long: exp − iat may be at most 3600 seconds.'),
    );
  });

  it('refuses a token without exp', async () => {
    expect(await refused(`Bearer ${await token({ exp: undefined })}`)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token has no "exp" claim.'),
    );
  });

  it('refuses a token without iat', async () => {
    expect(await refused(`Bearer ${await token({ iat: undefined })}`)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The bearer token has no "iat" claim.'),
    );
  });
});

describe('createPartnerAuthenticator: the policy set is checked at start', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-auth-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const start = (p: Partner) => () =>
    createPartnerAuthenticator({ partners: new Map([[p.id, p]]), policyDir: dir, audience: GATEWAY_AUDIENCE });

  it('refuses to start when a JWKS file is missing', () => {
    expect(start(partner('capac'))).toThrow(
      /\npartners\.yaml:1: partner capac: jwks file keys\/capac\.jwks\.json cannot be read as JSON: /,
    );
  });

  it('refuses to start when a JWKS file holds a private key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    fs.writeFileSync(path.join(dir, 'leaked.jwks.json'), JSON.stringify({ keys: [await exportJWK(privateKey)] }));
    expect(start(partner('capac', { file: 'leaked.jwks.json' }))).toThrow(
      'partners.yaml:1: partner capac: jwks file leaked.jwks.json contains a private key; publish only the public part.',
    );
  });

  it('refuses to start when a JWKS file is outside the policy directory', () => {
    expect(start(partner('capac', { file: '../etc/keys.json' }))).toThrow(
      'partners.yaml:1: partner capac: jwks file ../etc/keys.json is outside the policy directory.',
    );
  });

  it('refuses to start when a JWKS URL is not https', () => {
    expect(start(partner('capac', { url: 'http://keys.example.be/jwks.json' }))).toThrow(
      'partners.yaml:1: partner capac: jwks url http://keys.example.be/jwks.json must use https.',
    );
  });
});
