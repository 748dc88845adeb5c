import { importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type * as Jose from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Partner } from '../authz/model.js';
import { policyDir } from '../authz/policyPaths.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createPartnerAuthenticator, type PartnerTokenCacheOptions } from './createPartnerAuthenticator.js';
import { readDevPrivateKey } from './devKeys.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';

// jose as it is, with its verification counted: a request answered from the cache verifies nothing.
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof Jose>();
  return { ...jose, jwtVerify: vi.fn(jose.jwtVerify) };
});
const verifications = () => vi.mocked(jwtVerify).mock.calls.length;

function partner(id: string, jwksOf = id): Partner {
  return {
    id,
    name: id,
    kind: 'PAYMENT_INSTITUTION',
    issuer: `urn:crossroads:partner:${id}`,
    jwks: { file: `keys/${jwksOf}.jwks.json` },
    location: { file: 'partners.yaml', line: 1 },
  };
}
const capacOnly = () => new Map([[`capac`, partner('capac')]]);

/** The cache's own clock, moved by hand: ages are measured on it, expiry on Date (faked where a test needs). */
let clock: { now(): number; advance(ms: number): void };
beforeEach(() => {
  vi.mocked(jwtVerify).mockClear();
  let t = 1_000_000;
  clock = { now: () => t, advance: (ms) => void (t += ms) };
});
afterEach(() => void vi.useRealTimers());

function authenticator(tokenCache: PartnerTokenCacheOptions = {}, partners = capacOnly()) {
  return createPartnerAuthenticator({ partners, policyDir, audience: GATEWAY_AUDIENCE, tokenCache: { clock, ...tokenCache } });
}

const now = () => Math.floor(Date.now() / 1000);
async function capacToken(overrides: JWTPayload = {}): Promise<string> {
  const key = readDevPrivateKey('capac');
  const claims = { sub: 'capac', iss: 'urn:crossroads:partner:capac', aud: GATEWAY_AUDIENCE, iat: now(), exp: now() + 300, ...overrides };
  const token = await new SignJWT({ ...claims, jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid! })
    .sign(await importJWK(key, 'EdDSA'));
  return `Bearer ${token}`;
}

describe('the partner authenticator: verified tokens are re-used', () => {
  it('answers the same token again from memory, with the same partner, token id and expiry', async () => {
    const { authenticate } = authenticator();
    const token = await capacToken();
    const first = await authenticate(token);
    expect(await authenticate(token)).toEqual(first);
    expect(await authenticate(token)).toEqual(first);
    expect(verifications()).toBe(1);
  });

  it('verifies another token (even from the same partner) on its own', async () => {
    const { authenticate } = authenticator();
    await authenticate(await capacToken());
    await authenticate(await capacToken());
    expect(verifications()).toBe(2);
  });

  it('checks the expiry on every hit: a remembered token past exp (and the tolerance) is refused', async () => {
    const { authenticate } = authenticator();
    const token = await capacToken({ exp: now() + 60 });
    await authenticate(token);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 80_000); // 60 s lifetime, within the 30 s tolerance
    expect(await authenticate(token)).toMatchObject({ partnerId: 'capac' });
    vi.setSystemTime(Date.now() + 11_000); // now more than 30 s past exp
    expect(await refusal(() => authenticate(token), token.slice(7))).toEqual(
      unauthenticatedError('TOKEN_EXPIRED', 'The bearer token has expired.'),
    );
    expect(verifications()).toBe(1);
  });

  it('re-checks the signature once the bounded age has passed, even for a token valid much longer', async () => {
    const { authenticate } = authenticator({ maxAgeMs: 300_000 });
    const token = await capacToken({ exp: now() + 3600 });
    await authenticate(token);
    clock.advance(299_000);
    await authenticate(token);
    expect(verifications()).toBe(1);
    clock.advance(1_001);
    await authenticate(token);
    expect(verifications()).toBe(2);
  });

  it('keeps a token no longer than until its exp and the tolerance, whatever the bounded age', async () => {
    const { authenticate } = authenticator({ maxAgeMs: 3_600_000 });
    const token = await capacToken({ exp: now() + 60 });
    await authenticate(token);
    clock.advance(91_000);
    await authenticate(token); // the wall clock did not move: jose accepts it again, but had to check it
    expect(verifications()).toBe(2);
  });

  it('does not remember a refusal: the same bad token is checked, and refused, every time', async () => {
    const { authenticate } = authenticator();
    const wrongIssuer = await capacToken({ iss: 'urn:crossroads:partner:famiwal' });
    const tooLong = await capacToken({ exp: now() + 3601 }); // refused after jose accepted it
    for (let i = 0; i < 2; i++) {
      expect((await refusal(() => authenticate(wrongIssuer))).extensions).toMatchObject({ reason: 'TOKEN_ISSUER' });
      expect((await refusal(() => authenticate(tooLong))).extensions).toMatchObject({ reason: 'TOKEN_LIFETIME' });
    }
    expect(verifications()).toBe(4);
  });

  it('belongs to one policy set: an authenticator for another set re-uses nothing the first verified', async () => {
    const token = await capacToken();
    await authenticator().authenticate(token);
    // The reloaded set registers another key for capac (say, the old one was withdrawn), then drops capac.
    const rekeyed = authenticator({}, new Map([['capac', partner('capac', 'famiwal')]]));
    expect(await refusal(() => rekeyed.authenticate(token), token.slice(7))).toEqual(
      unauthenticatedError(
        'TOKEN_SIGNATURE',
        "The bearer token's signature does not verify against the keys registered for partner capac.",
      ),
    );
    const withoutCapac = authenticator({}, new Map([['famiwal', partner('famiwal')]]));
    expect((await refusal(() => withoutCapac.authenticate(token))).extensions).toMatchObject({ reason: 'PARTNER_UNKNOWN' });
    expect(verifications()).toBe(2);
  });

  it('holds at most maxEntries tokens, forgetting the least recently used', async () => {
    const { authenticate } = authenticator({ maxEntries: 2 });
    const [a, b, c] = await Promise.all([capacToken(), capacToken(), capacToken()]);
    for (const token of [a, b, a, c, a, b]) await authenticate(token!);
    // a, b verified; a hit; c verified, evicting b; a hit; b verified again.
    expect(verifications()).toBe(4);
  });

  it('is off with a maximum age or size of 0', async () => {
    for (const off of [{ maxAgeMs: 0 }, { maxEntries: 0 }]) {
      vi.mocked(jwtVerify).mockClear();
      const { authenticate } = authenticator(off);
      const token = await capacToken();
      await authenticate(token);
      await authenticate(token);
      expect(verifications()).toBe(2);
    }
  });

  it('refuses a negative or fractional bound when the authenticator is made', () => {
    expect(() => authenticator({ maxAgeMs: -1 })).toThrow("The partner token cache's maxAgeMs must be a whole number ≥ 0.");
    expect(() => authenticator({ maxEntries: 1.5 })).toThrow("The partner token cache's maxEntries must be a whole number ≥ 0.");
  });
});
