import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../authz/model.js';
import { PolicyLoadError } from '../authz/PolicyLoadError.js';
import { ConfigError } from '../config/readSettings.js';
import { repoRoot } from '../config/repoRoot.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createPartnerAuthenticator } from './createPartnerAuthenticator.js';
import { readDevelopmentKeys } from './developmentKeys.js';
import { readDevPrivateKey } from './devKeys.js';
import type { KeyTrust } from './keyTrust.js';
import { keyTrustFromEnv } from './keyTrustFromEnv.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';
import { policyDir } from '../authz/policyPaths.js';

const partner = (id: string, jwks: Partner['jwks'], line = 1): Partner => ({
  id,
  name: id,
  kind: 'PENSION_SERVICE',
  issuer: `urn:crossroads:partner:${id}`,
  jwks,
  location: { file: 'partners.yaml', line },
});

async function keyPair(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

function sign(sub: string, privateKey: CryptoKey, kid: string): Promise<string> {
  return (
    new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(sub)
      .setIssuer(`urn:crossroads:partner:${sub}`)
      .setAudience(GATEWAY_AUDIENCE)
      // Each token its own: EdDSA is deterministic, and the same token twice would be served by the token cache.
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey)
  );
}

const production = (extra: Partial<KeyTrust> = {}): KeyTrust => ({
  refuse: { developmentKeys: readDevelopmentKeys(), repositoryRoot: repoRoot },
  ...extra,
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-jwks-'));
  dirs.push(dir);
  return dir;
}

describe('partner key files outside development', () => {
  const start = (partners: Partner[], keyTrust: KeyTrust) => () =>
    createPartnerAuthenticator({ partners: new Map(partners.map((p) => [p.id, p])), policyDir, audience: GATEWAY_AUDIENCE, keyTrust });

  it("refuses to read them from the repository's policy directory, naming every partner at its line", () => {
    const build = start(
      [partner('capac', { file: 'keys/capac.jwks.json' }, 7), partner('sfpd', { file: 'keys/sfpd.jwks.json' }, 19)],
      production(),
    );
    expect(build).toThrow(PolicyLoadError);
    expect(build).toThrow(
      'partners.yaml:7: partner capac: its keys would be read from keys/capac.jwks.json in the policy directory. Outside development',
    );
    expect(build).toThrow('partners.yaml:19: partner sfpd: its keys would be read from keys/sfpd.jwks.json');
  });

  it("refuses a development key copied into the operator's directory, naming the key", () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(policyDir, 'keys', 'capac.jwks.json'), path.join(dir, 'capac.jwks.json'));
    expect(start([partner('capac', { file: 'keys/capac.jwks.json' })], production({ jwksDir: dir }))).toThrow(
      /partners\.yaml:1: partner capac: jwks file capac\.jwks\.json \(in JWKS_DIR\) is a development key \(thumbprint CSxbOu21eQ2hcjRsG306tnYaUV2ZVQsCzxW3JtdVjRo, dev-keys\/capac\.private\.jwk\.json\)/,
    );
  });

  it('refuses a key directory inside the repository even when its keys are new', async () => {
    const inside = fs.mkdtempSync(path.join(repoRoot, '.jwks-test-'));
    dirs.push(inside);
    fs.writeFileSync(path.join(inside, 'capac.jwks.json'), JSON.stringify({ keys: [(await keyPair('k1')).jwk] }));
    expect(start([partner('capac', { file: 'keys/capac.jwks.json' })], production({ jwksDir: inside }))).toThrow(
      'partner capac: jwks file capac.jwks.json (in JWKS_DIR) is inside the repository.',
    );
  });

  it("accepts the operator's own key, read from JWKS_DIR", async () => {
    const dir = tempDir();
    const { privateKey, jwk } = await keyPair('k1');
    fs.writeFileSync(path.join(dir, 'capac.jwks.json'), JSON.stringify({ keys: [jwk] }));
    const { authenticate } = start([partner('capac', { file: 'keys/capac.jwks.json' })], production({ jwksDir: dir }))();
    expect(await authenticate(`Bearer ${await sign('capac', privateKey, 'k1')}`)).toMatchObject({ partnerId: 'capac' });
  });

  it('keeps a file name from leaving JWKS_DIR', () => {
    expect(start([partner('capac', { file: 'keys/../../etc/keys.json' })], production({ jwksDir: tempDir() }))).toThrow(
      'partner capac: jwks file keys/../../etc/keys.json is outside JWKS_DIR.',
    );
  });
});

describe('keyTrustFromEnv', () => {
  it('refuses a JWKS_DIR that does not exist, or, outside development, one inside the repository', () => {
    expect(() => keyTrustFromEnv({ JWKS_DIR: '/nonexistent/keys' })).toThrow(ConfigError);
    expect(() => keyTrustFromEnv({ JWKS_DIR: '/nonexistent/keys' })).toThrow('JWKS_DIR="/nonexistent/keys": expected a directory');
    const inside = path.join(repoRoot, 'authz-policies', 'keys');
    expect(() => keyTrustFromEnv({ JWKS_DIR: inside })).toThrow('expected a directory outside the repository');
    expect(keyTrustFromEnv({ JWKS_DIR: inside, CROSSROADS_ENV: 'development' })).toMatchObject({ jwksDir: inside });
  });

  it('refuses development keys unless CROSSROADS_ENV says development, test or benchmark', () => {
    expect(keyTrustFromEnv({}).refuse).toBeDefined();
    expect(keyTrustFromEnv({ CROSSROADS_ENV: 'production' }).refuse).toBeDefined();
    for (const CROSSROADS_ENV of ['development', 'test', 'benchmark']) expect(keyTrustFromEnv({ CROSSROADS_ENV }).refuse).toBeUndefined();
    expect(() => keyTrustFromEnv({ CROSSROADS_ENV: 'staging' })).toThrow('CROSSROADS_ENV="staging": expected one of production');
  });

  it('reads the bounds of remote key sets', () => {
    expect(keyTrustFromEnv({ JWKS_COOLDOWN_MS: '1000', JWKS_TIMEOUT_MS: '200' }).remote).toEqual({
      cooldownMs: 1000,
      timeoutMs: 200,
      cacheMaxAgeMs: 600_000,
    });
    expect(() => keyTrustFromEnv({ JWKS_COOLDOWN_MS: '30s' })).toThrow('JWKS_COOLDOWN_MS="30s": expected a whole number of milliseconds');
  });
});

// A partner's JWKS URL, served on the loopback interface by this test: rotation by kid, and how often it is fetched.
describe('partner keys at a JWKS URL', () => {
  let server: http.Server;
  let base: string;
  let served: { status: number; body: string; delayMs?: number };
  let hits = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      const { status, body, delayMs } = served;
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), delayMs ?? 0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const serve = (keys: JWK[], status = 200) => (served = { status, body: JSON.stringify({ keys }) });
  const authenticator = (keyTrust: KeyTrust, tokenCacheMaxAgeMs?: number) =>
    createPartnerAuthenticator({
      partners: new Map([['sfpd', partner('sfpd', { url: `${base}/jwks.json` })]]),
      policyDir,
      audience: GATEWAY_AUDIENCE,
      keyTrust,
      ...(tokenCacheMaxAgeMs !== undefined ? { tokenCache: { maxAgeMs: tokenCacheMaxAgeMs } } : {}),
    });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('follows a rotation by kid: a new key is fetched when a token names it, a withdrawn key stops working', async () => {
    const k1 = await keyPair('k1');
    const k2 = await keyPair('k2');
    serve([k1.jwk]);
    const { authenticate } = authenticator(production({ remote: { cooldownMs: 300 } }));
    const early = await sign('sfpd', k1.privateKey, 'k1');
    expect(await authenticate(`Bearer ${early}`)).toMatchObject({ partnerId: 'sfpd' });

    serve([k2.jwk]); // the partner rotates: k1 withdrawn, k2 published
    await wait(350);
    expect(await authenticate(`Bearer ${await sign('sfpd', k2.privateKey, 'k2')}`)).toMatchObject({ partnerId: 'sfpd' });
    expect(await refusal(async () => authenticate(`Bearer ${await sign('sfpd', k1.privateKey, 'k1')}`))).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Decision 0013: a token verified before the withdrawal is remembered until the cache's age (or its exp).
    expect(await authenticate(`Bearer ${early}`)).toMatchObject({ partnerId: 'sfpd' });
  });

  it('fetches at most once per cooldown, however many tokens name unknown keys', async () => {
    const k1 = await keyPair('k1');
    serve([k1.jwk]);
    const { authenticate } = authenticator(production({ remote: { cooldownMs: 60_000 } }));
    hits = 0;
    expect(await authenticate(`Bearer ${await sign('sfpd', k1.privateKey, 'k1')}`)).toMatchObject({ partnerId: 'sfpd' });
    const attacker = await keyPair('x');
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => sign('sfpd', attacker.privateKey, `unknown-${i}`)));
    const refusals = await Promise.all(tokens.map((token) => refusal(() => authenticate(`Bearer ${token}`))));
    expect(refusals.every((r) => r.extensions.code === 'UNAUTHENTICATED')).toBe(true);
    expect(hits).toBe(1);
  });

  it('after a failed fetch, waits for the cooldown before fetching again', async () => {
    const k1 = await keyPair('k1');
    serve([k1.jwk], 503);
    const { authenticate } = authenticator(production({ remote: { cooldownMs: 400 } }));
    hits = 0;
    const token = await sign('sfpd', k1.privateKey, 'k1');
    for (let i = 0; i < 10; i++) {
      expect(await refusal(() => authenticate(`Bearer ${token}`))).toEqual(
        unauthenticatedError(
          'PARTNER_KEYS_UNAVAILABLE',
          "The partner's published keys (its JWKS URL) could not be fetched; try again later.",
        ),
      );
    }
    expect(hits).toBe(1);
    serve([k1.jwk]);
    await wait(450);
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({ partnerId: 'sfpd' });
    expect(hits).toBe(2);
  });

  it('gives up on a JWKS URL that does not answer within the timeout', async () => {
    const k1 = await keyPair('k1');
    serve([k1.jwk]);
    served.delayMs = 2_000;
    const { authenticate } = authenticator(production({ remote: { timeoutMs: 200 } }));
    const started = performance.now();
    expect(await refusal(async () => authenticate(`Bearer ${await sign('sfpd', k1.privateKey, 'k1')}`))).toMatchObject({
      extensions: { reason: 'PARTNER_KEYS_UNAVAILABLE' },
    });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses, and reports loudly, a published development key outside development', async () => {
    const sfpd = readDevPrivateKey('sfpd');
    serve([{ kty: sfpd.kty!, crv: sfpd.crv!, x: sfpd.x!, kid: sfpd.kid!, alg: 'EdDSA', use: 'sig' } as JWK]);
    const reported: string[] = [];
    const { authenticate } = authenticator(production({ onRemoteRefused: (m) => reported.push(m) }));
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: sfpd.kid! })
      .setSubject('sfpd')
      .setIssuer('urn:crossroads:partner:sfpd')
      .setAudience(GATEWAY_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await (await import('jose')).importJWK(sfpd, 'EdDSA'));
    expect(await refusal(() => authenticate(`Bearer ${forged}`))).toMatchObject({ extensions: { reason: 'PARTNER_KEYS_UNAVAILABLE' } });
    expect(reported).toEqual([expect.stringMatching(/^partner sfpd: the JWKS fetched from its url is a development key \(thumbprint /)]);
    // In development the same key is trusted.
    const dev = authenticator({});
    expect(await dev.authenticate(`Bearer ${forged}`)).toMatchObject({ partnerId: 'sfpd' });
  });

  it('refuses a JWKS larger than 64 KiB, or with a private key', async () => {
    const k1 = await keyPair('k1');
    served = { status: 200, body: JSON.stringify({ keys: [k1.jwk], padding: 'x'.repeat(70_000) }) };
    const reported: string[] = [];
    let auth = authenticator(production({ onRemoteRefused: (m) => reported.push(m) }));
    expect(await refusal(async () => auth.authenticate(`Bearer ${await sign('sfpd', k1.privateKey, 'k1')}`))).toMatchObject({
      extensions: { reason: 'PARTNER_KEYS_UNAVAILABLE' },
    });
    const { privateKey: leaked } = await generateKeyPair('EdDSA', { extractable: true });
    serve([{ ...(await exportJWK(leaked)), kid: 'k1' }]);
    auth = authenticator(production({ onRemoteRefused: (m) => reported.push(m) }));
    expect(await refusal(async () => auth.authenticate(`Bearer ${await sign('sfpd', k1.privateKey, 'k1')}`))).toMatchObject({
      extensions: { reason: 'PARTNER_KEYS_UNAVAILABLE' },
    });
    expect(reported).toEqual([
      'partner sfpd: the JWKS fetched from its url is refused: the JWKS is larger than 65536 bytes',
      'partner sfpd: the JWKS fetched from its url contains a private key; publish only the public part.',
    ]);
  });
});
