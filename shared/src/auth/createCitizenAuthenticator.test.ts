import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createCitizenAuthenticator } from './createCitizenAuthenticator.js';
import { DEV_CITIZEN_IDP_KEY, readDevPrivateKey } from './devKeys.js';
import { readCitizenLogin, type CitizenLogin } from './readCitizenLogin.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';
import { policyDir } from '../authz/policyPaths.js';

const ISSUER = 'urn:crossroads:idp:citizens';
const SSIN = '85073003328';
const login = readCitizenLogin(policyDir)!;
const { authenticate } = createCitizenAuthenticator({ login, policyDir, audience: GATEWAY_AUDIENCE });
const idpKey = readDevPrivateKey(DEV_CITIZEN_IDP_KEY);
const now = () => Math.floor(Date.now() / 1000);

/** A token as the identity provider would sign it after a login, with any claim overridden (undefined removes it). */
async function token(overrides: JWTPayload = {}, key: JWK = idpKey): Promise<string> {
  const claims: JWTPayload = { sub: SSIN, iss: ISSUER, aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300, jti: 'login-1', ...overrides };
  for (const name of Object.keys(claims)) if (claims[name] === undefined) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: key.kid! }).sign(await importJWK(key, 'EdDSA'));
}
const refused = async (header: string) => refusal(() => authenticate(header), header.split(' ')[1]);

describe('createCitizenAuthenticator', () => {
  it('accepts a token of the identity provider and names the citizen by SSIN', async () => {
    const exp = now() + 300;
    expect(await authenticate(`Bearer ${await token({ exp })}`)).toEqual({ ssin: SSIN, tokenId: 'login-1', expiresAt: exp });
  });

  it('takes the SSIN in its usual formatting, and names the citizen by its 11 digits', async () => {
    expect(await authenticate(`Bearer ${await token({ sub: '85.07.30-033.28' })}`)).toMatchObject({ ssin: SSIN });
  });

  it('refuses a subject that is not a valid SSIN (check digits)', async () => {
    expect(await refused(`Bearer ${await token({ sub: '85073003329' })}`)).toEqual(
      unauthenticatedError(
        'CITIZEN_SUBJECT_INVALID',
        'The citizen token\'s "sub" is not a valid SSIN: The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.',
      ),
    );
  });

  it('refuses a subject that is a partner id rather than an SSIN', async () => {
    expect(await refused(`Bearer ${await token({ sub: 'capac' })}`)).toEqual(
      unauthenticatedError(
        'CITIZEN_SUBJECT_INVALID',
        'The citizen token\'s "sub" is not a valid SSIN: An SSIN has exactly 11 digits (separators ".", "-", "/" and spaces are allowed).',
      ),
    );
  });

  it('refuses a token without a subject', async () => {
    expect(await refused(`Bearer ${await token({ sub: undefined })}`)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The citizen token has no "sub" claim.'),
    );
  });

  it('refuses a token signed with another key, even one naming the provider’s key id', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const other = { ...(await exportJWK(privateKey)), kid: idpKey.kid! };
    expect(await refused(`Bearer ${await token({}, other)}`)).toEqual(
      unauthenticatedError(
        'TOKEN_SIGNATURE',
        "The citizen token's signature does not verify against the keys of the citizens' identity provider.",
      ),
    );
  });

  it('refuses a partner signing a token in the identity provider’s name', async () => {
    expect(await refused(`Bearer ${await token({}, readDevPrivateKey('capac'))}`)).toEqual(
      unauthenticatedError(
        'TOKEN_SIGNATURE',
        "The citizen token's signature does not verify against the keys of the citizens' identity provider.",
      ),
    );
  });

  it('refuses an expired token', async () => {
    expect(await refused(`Bearer ${await token({ iat: now() - 900, exp: now() - 300 })}`)).toEqual(
      unauthenticatedError('TOKEN_EXPIRED', 'The citizen token has expired.'),
    );
  });

  it('refuses a token living longer than an hour', async () => {
    expect(await refused(`Bearer ${await token({ exp: now() + 3601 })}`)).toEqual(
      unauthenticatedError('TOKEN_LIFETIME', 'The citizen token lives too long: exp − iat may be at most 3600 seconds.'),
    );
  });

  it('refuses a token issued in the future (iat)', async () => {
    expect(await refused(`Bearer ${await token({ iat: now() + 300, exp: now() + 600 })}`)).toEqual(
      unauthenticatedError(
        'TOKEN_NOT_YET_VALID',
        'The citizen token is not valid yet ("iat" is in the future); check the sender\'s clock.',
      ),
    );
  });

  it('refuses a token for another audience', async () => {
    expect(await refused(`Bearer ${await token({ aud: 'https://mypension.example.be' })}`)).toEqual(
      unauthenticatedError('TOKEN_AUDIENCE', 'The citizen token is not for this audience: "aud" must be urn:crossroads:gateway.'),
    );
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: SSIN, iss: ISSUER, aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300 })}.`;
    expect(await refused(`Bearer ${unsigned}`)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', 'The citizen token is not signed with an accepted algorithm (EdDSA, ES256, RS256).'),
    );
  });

  it('refuses a token MACed with a shared secret (HS256)', async () => {
    const claims = { sub: SSIN, iss: ISSUER, aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300 };
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await refused(`Bearer ${hmac}`)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', 'The citizen token is not signed with an accepted algorithm (EdDSA, ES256, RS256).'),
    );
  });
});

// The production provider publishes its keys at a URL; served here on the loopback interface.
describe('createCitizenAuthenticator: the identity provider’s keys at a JWKS URL', () => {
  let server: http.Server;
  let base: string;
  let sign: () => Promise<string>;
  const at = (url: string): CitizenLogin => ({ ...login, jwks: { url } });

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'fas-1', alg: 'ES256', use: 'sig' }] });
    server = http.createServer((req, res) => {
      if (req.url === '/jwks.json') res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sign = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'fas-1' })
        .setSubject(SSIN)
        .setIssuer(ISSUER)
        .setAudience(GATEWAY_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a token verified against the published keys', async () => {
    const citizens = createCitizenAuthenticator({ login: at(`${base}/jwks.json`), policyDir, audience: GATEWAY_AUDIENCE });
    expect(await citizens.authenticate(`Bearer ${await sign()}`)).toMatchObject({ ssin: SSIN });
  });

  it('refuses with CITIZEN_IDP_KEYS_UNAVAILABLE when the keys cannot be fetched', async () => {
    const citizens = createCitizenAuthenticator({ login: at(`${base}/broken`), policyDir, audience: GATEWAY_AUDIENCE });
    expect(await refusal(async () => citizens.authenticate(`Bearer ${await sign()}`))).toEqual(
      unauthenticatedError(
        'CITIZEN_IDP_KEYS_UNAVAILABLE',
        "The identity provider's published keys could not be fetched, so no citizen can be authenticated now; try again later.",
      ),
    );
  });

  it('refuses to start with keys fetched over plain HTTP from another host', () => {
    expect(() =>
      createCitizenAuthenticator({ login: at('http://idp.example.be/jwks.json'), policyDir, audience: GATEWAY_AUDIENCE }),
    ).toThrow(
      "the citizens' identity provider (identity-providers/citizens.yaml:1): jwks url http://idp.example.be/jwks.json must use https.",
    );
  });
});
