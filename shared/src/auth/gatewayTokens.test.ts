import { createPrivateKey, sign as signBytes } from 'node:crypto';
import { base64url, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createGatewaySigner, type GatewaySigner } from './createGatewaySigner.js';
import { createGatewayTokenVerifier, type GatewayTokenVerifier } from './createGatewayTokenVerifier.js';
import { readDevPrivateKey } from './devKeys.js';
import { generateGatewayKeyPair, type GatewayKeyPair } from './gatewayKeys.js';
import { mintPartnerToken } from './mintPartnerToken.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';

const call = { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationIds: ['ISC/24/017'], requestId: 'req-1' };

let keys: GatewayKeyPair;
let signer: GatewaySigner;
let persons: GatewayTokenVerifier;

beforeAll(async () => {
  keys = await generateGatewayKeyPair();
  signer = createGatewaySigner({ privateJwk: keys.privateJwk });
});
// Each test gets its own verifier, hence its own replay memory.
const freshVerifier = () => (persons = createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: 'persons' }));
afterEach(() => void vi.useRealTimers());

/** A token with the gateway's key but claims and header of our choosing, for the cases the signer cannot produce. */
async function handMade(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'EdDSA', typ: 'crossroads-gateway+jwt' },
) {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(await importJWK(keys.privateJwk, 'EdDSA'));
}
const now = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({
  iss: 'urn:crossroads:gateway',
  aud: 'urn:crossroads:subgraph:persons',
  iat: now(),
  exp: now() + 30,
  jti: crypto.randomUUID(),
  partner: 'capac',
  purpose: 'UNEMPLOYMENT_BENEFIT',
  authz: ['ISC/24/017'],
  rid: 'req-1',
});

describe('gateway tokens', () => {
  it('round-trips: the subgraph reads what the gateway vouched for', async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...call });
    expect(await persons.verify(`Bearer ${token}`)).toEqual(call);
  });

  it('carries which call of the request to this source it is: absent for the first, n for the n-th', async () => {
    freshVerifier();
    expect(await persons.verify(`Bearer ${await signer.sign({ audience: 'persons', ...call, call: 1 })}`)).toEqual(call);
    expect(await persons.verify(`Bearer ${await signer.sign({ audience: 'persons', ...call, call: 3 })}`)).toEqual({ ...call, call: 3 });
  });

  it('refuses a call number that is not a whole number from 1', async () => {
    freshVerifier();
    for (const bad of [0, 1.5, '2']) {
      const token = await handMade({ ...validClaims(), call: bad });
      expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
        unauthenticatedError('TOKEN_MALFORMED', 'The gateway token has no valid "call" claim.'),
      );
    }
  });

  it('refuses a token for another subgraph', async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'employment', ...call });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_AUDIENCE', 'The gateway token is not for this audience: "aud" must be urn:crossroads:subgraph:persons.'),
    );
  });

  it('refuses an expired token', async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...call });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 36_000); // 30 s lifetime + 5 s tolerance, and one more
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_EXPIRED', 'The gateway token has expired.'),
    );
  });

  it('refuses a replayed token: the second use of the same token', async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...call });
    await persons.verify(`Bearer ${token}`);
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_REPLAYED', 'The gateway token was already used: the gateway signs one token per call.'),
    );
  });

  it('accepts two tokens signed for the same call (each has its own jti)', async () => {
    freshVerifier();
    await persons.verify(`Bearer ${await signer.sign({ audience: 'persons', ...call })}`);
    expect(await persons.verify(`Bearer ${await signer.sign({ audience: 'persons', ...call })}`)).toEqual(call);
  });

  it('refuses a forged token (signed with another key)', async () => {
    freshVerifier();
    const other = await generateGatewayKeyPair();
    const token = await createGatewaySigner({ privateJwk: other.privateJwk }).sign({ audience: 'persons', ...call });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', "The gateway token's signature does not verify against the gateway's key."),
    );
  });

  it("refuses a partner's own token", async () => {
    freshVerifier();
    const token = await mintPartnerToken({
      privateJwk: readDevPrivateKey('capac'),
      partnerId: 'capac',
      issuer: 'urn:crossroads:partner:capac',
      audience: GATEWAY_AUDIENCE,
      ttlSeconds: 60,
    });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_SIGNATURE', "The gateway token's signature does not verify against the gateway's key."),
    );
  });

  it('refuses a call without a token', async () => {
    freshVerifier();
    expect(await refusal(() => persons.verify(undefined))).toEqual(
      unauthenticatedError('TOKEN_MISSING', 'No gateway token: send Authorization: Bearer <token>.'),
    );
  });

  it('refuses a token living longer than the maximum', async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...call, ttlSeconds: 61 });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_LIFETIME', 'The gateway token lives too long: exp − iat may be at most 60 seconds.'),
    );
  });

  it('refuses a token with the gateway key but without the gateway token type', async () => {
    freshVerifier();
    const token = await handMade(validClaims(), { alg: 'EdDSA' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The gateway token has the wrong "typ" header: it is another kind of token.'),
    );
  });

  it('refuses a token without jti (it could not be checked against replay)', async () => {
    freshVerifier();
    const token = await handMade({ ...validClaims(), jti: undefined });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The gateway token has no "jti" claim.'),
    );
  });

  it('refuses a token whose authz claim is not a list of ids', async () => {
    freshVerifier();
    const token = await handMade({ ...validClaims(), authz: 'ISC/24/017' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_MALFORMED', 'The gateway token has no valid "authz" claim.'),
    );
  });

  it('refuses a token with another issuer', async () => {
    freshVerifier();
    const token = await handMade({ ...validClaims(), iss: 'urn:crossroads:partner:capac' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(
      unauthenticatedError('TOKEN_ISSUER', 'The gateway token has the wrong issuer: "iss" must be urn:crossroads:gateway.'),
    );
  });
});

describe('gateway tokens: fast-jwt on both sides, interoperable with jose', () => {
  it('signs a token jose verifies with every check the subgraphs made before (typ, iss, aud, exp, iat, jti)', async () => {
    const token = signer.sign({ audience: 'persons', ...call, call: 2 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'crossroads-gateway+jwt', kid: keys.privateJwk.kid });
    const { payload } = await jwtVerify(token, await importJWK(keys.publicJwk, 'EdDSA'), {
      algorithms: ['EdDSA'],
      issuer: 'urn:crossroads:gateway',
      audience: 'urn:crossroads:subgraph:persons',
      typ: 'crossroads-gateway+jwt',
      requiredClaims: ['exp', 'iat', 'jti'],
    });
    expect(payload).toMatchObject({ partner: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authz: ['ISC/24/017'], rid: 'req-1', call: 2 });
    expect(payload.exp! - payload.iat!).toBe(30);
  });

  it('verifies a token jose signed as the gateway did before', async () => {
    freshVerifier();
    const token = await new SignJWT({ partner: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authz: ['ISC/24/017'], rid: 'req-1' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'crossroads-gateway+jwt', kid: keys.privateJwk.kid! })
      .setIssuer('urn:crossroads:gateway')
      .setAudience('urn:crossroads:subgraph:persons')
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(await importJWK(keys.privateJwk, 'EdDSA'));
    expect(persons.verify(`Bearer ${token}`)).toEqual(call);
  });

  it('accepts the typ in another case or as a media type, as jose did', async () => {
    freshVerifier();
    for (const typ of ['Crossroads-Gateway+JWT', 'application/crossroads-gateway+jwt']) {
      const token = await handMade(validClaims(), { alg: 'EdDSA', typ });
      expect(persons.verify(`Bearer ${token}`)).toEqual(call);
    }
  });

  it('accepts an aud list that names this subgraph', async () => {
    freshVerifier();
    const token = await handMade({ ...validClaims(), aud: ['urn:crossroads:subgraph:employment', 'urn:crossroads:subgraph:persons'] });
    expect(persons.verify(`Bearer ${token}`)).toEqual(call);
  });

  const refusals: [string, () => Promise<string>, string, string][] = [
    ['without aud', () => handMade({ ...validClaims(), aud: undefined }), 'TOKEN_MALFORMED', 'The gateway token has no "aud" claim.'],
    ['without iss', () => handMade({ ...validClaims(), iss: undefined }), 'TOKEN_MALFORMED', 'The gateway token has no "iss" claim.'],
    ['without exp', () => handMade({ ...validClaims(), exp: undefined }), 'TOKEN_MALFORMED', 'The gateway token has no "exp" claim.'],
    ['without iat', () => handMade({ ...validClaims(), iat: undefined }), 'TOKEN_MALFORMED', 'The gateway token has no "iat" claim.'],
    [
      'with an exp that is not a number',
      () => handMade({ ...validClaims(), exp: String(now() + 30) }),
      'TOKEN_MALFORMED',
      'The gateway token\'s "exp" claim is not a number.',
    ],
    [
      'with an iat that is not a number',
      () => handMade({ ...validClaims(), iat: String(now()) }),
      'TOKEN_MALFORMED',
      'The gateway token\'s "iat" claim is not a number.',
    ],
    [
      'with an aud that is not a string',
      () => handMade({ ...validClaims(), aud: 7 }),
      'TOKEN_AUDIENCE',
      'The gateway token is not for this audience: "aud" must be urn:crossroads:subgraph:persons.',
    ],
    [
      'with an aud list without this subgraph',
      () => handMade({ ...validClaims(), aud: ['urn:crossroads:subgraph:employment'] }),
      'TOKEN_AUDIENCE',
      'The gateway token is not for this audience: "aud" must be urn:crossroads:subgraph:persons.',
    ],
    [
      'not valid yet (nbf)',
      () => handMade({ ...validClaims(), nbf: now() + 60 }),
      'TOKEN_NOT_YET_VALID',
      'The gateway token is not valid yet ("nbf" is in the future); check the sender\'s clock.',
    ],
    [
      'issued in the future (iat)',
      () => handMade({ ...validClaims(), iat: now() + 20, exp: now() + 50 }),
      'TOKEN_NOT_YET_VALID',
      'The gateway token is not valid yet ("iat" is in the future); check the clocks.',
    ],
    [
      'typed as another kind of token',
      () => handMade(validClaims(), { alg: 'EdDSA', typ: 'JWT' }),
      'TOKEN_MALFORMED',
      'The gateway token has the wrong "typ" header: it is another kind of token.',
    ],
    [
      'unsigned (alg none)',
      async () =>
        `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'crossroads-gateway+jwt' }))}.${base64url.encode(JSON.stringify(validClaims()))}.`,
      'TOKEN_SIGNATURE',
      'The gateway token is not signed with an accepted algorithm (EdDSA).',
    ],
    [
      'MACed with the public key (HS256 key confusion)',
      async () =>
        new SignJWT(validClaims())
          .setProtectedHeader({ alg: 'HS256', typ: 'crossroads-gateway+jwt' })
          .sign(new TextEncoder().encode(JSON.stringify(keys.publicJwk))),
      'TOKEN_SIGNATURE',
      'The gateway token is not signed with an accepted algorithm (EdDSA).',
    ],
    [
      'with its signature cut off',
      async () => (await handMade(validClaims())).replace(/\.[^.]*$/, '.'),
      'TOKEN_SIGNATURE',
      "The gateway token's signature does not verify against the gateway's key.",
    ],
    [
      'with a claims part that is not JSON',
      async () => (await handMade(validClaims())).replace(/\.[^.]*\./, '.bm90IGpzb24.'),
      'TOKEN_MALFORMED',
      'The gateway token is not a well-formed JWT.',
    ],
    [
      'with a critical header extension it does not know',
      // jose will not sign it either: signed by hand.
      async () => {
        const encode = (value: object) => base64url.encode(JSON.stringify(value));
        const input = `${encode({ alg: 'EdDSA', typ: 'crossroads-gateway+jwt', crit: ['exp2'], exp2: 1 })}.${encode(validClaims())}`;
        const key = createPrivateKey({ key: keys.privateJwk as never, format: 'jwk' });
        return `${input}.${base64url.encode(signBytes(null, Buffer.from(input), key))}`;
      },
      'TOKEN_MALFORMED',
      'The gateway token is not a well-formed JWT.',
    ],
  ];
  it.each(refusals)('refuses a token %s', async (_, make, reason, message) => {
    freshVerifier();
    const token = await make();
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(unauthenticatedError(reason, message));
  });
});

describe("gateway tokens: a citizen's SSIN (claim cit)", () => {
  const citizenCall = {
    partnerId: 'citizen',
    purpose: 'CITIZEN_ACCESS_LOG',
    authorizationIds: ['CITIZEN-ACCESS-LOG'],
    requestId: 'req-2',
    citizenSsin: '85073003328',
  };
  const citizenClaims = () => ({ ...validClaims(), partner: 'citizen', purpose: 'CITIZEN_ACCESS_LOG', authz: ['CITIZEN-ACCESS-LOG'] });
  const noValidCit = unauthenticatedError('TOKEN_MALFORMED', 'The gateway token has no valid "cit" claim.');

  it("round-trips: the subgraph reads the citizen's SSIN the gateway vouched for", async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...citizenCall });
    expect(decodeJwt(token)).toMatchObject({ cit: '85073003328' });
    expect(await persons.verify(`Bearer ${token}`)).toEqual(citizenCall);
  });

  it("a partner's token carries no cit, and the subgraph reads no citizen from it", async () => {
    freshVerifier();
    const token = await signer.sign({ audience: 'persons', ...call });
    expect(decodeJwt(token)).not.toHaveProperty('cit');
    expect(await persons.verify(`Bearer ${token}`)).not.toHaveProperty('citizenSsin');
  });

  it('refuses a cit that is not a valid SSIN', async () => {
    freshVerifier();
    const token = await handMade({ ...citizenClaims(), cit: '85073003329' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(noValidCit);
  });

  it('refuses a cit in a formatting other than its 11 digits (the gateway sends those)', async () => {
    freshVerifier();
    const token = await handMade({ ...citizenClaims(), cit: '85.07.30-033.28' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(noValidCit);
  });

  it("refuses a partner's call carrying a citizen's SSIN", async () => {
    freshVerifier();
    const token = await handMade({ ...validClaims(), cit: '85073003328' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(noValidCit);
  });

  it('refuses a citizen call without the SSIN', async () => {
    freshVerifier();
    const token = await handMade(citizenClaims());
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(noValidCit);
  });

  it('refuses a citizen call under another purpose than CITIZEN_ACCESS_LOG', async () => {
    freshVerifier();
    const token = await handMade({ ...citizenClaims(), purpose: 'UNEMPLOYMENT_BENEFIT', cit: '85073003328' });
    expect(await refusal(() => persons.verify(`Bearer ${token}`), token)).toEqual(noValidCit);
  });
});

describe('gateway token keys are checked when the signer and verifier are made', () => {
  it('refuses to verify with a private key (subgraphs get only the public part)', () => {
    expect(() => createGatewayTokenVerifier({ publicJwk: keys.privateJwk, subgraph: 'persons' })).toThrow(
      'The gateway public key contains a private key ("d"); give only the public part.',
    );
  });

  it('refuses to sign with a public key', () => {
    expect(() => createGatewaySigner({ privateJwk: keys.publicJwk })).toThrow(
      'The gateway signing key is not an Ed25519 private key (a JWK with kty OKP, crv Ed25519, x and d).',
    );
  });
});
