import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAuditKeyPair, auditKeyPairToEnv, auditPublicKeysFromEnv, auditSigningKeyFromEnv } from '../audit/checkpoints/auditKeys.js';
import { repoRoot } from '../config/repoRoot.js';
import { COMMITTED_DEVELOPMENT_KEYS } from './committedDevelopmentKeys.js';
import { DEV_KEY_IDS, readDevPrivateKey } from './devKeys.js';
import { DevelopmentKeyError, readDevelopmentKeys, refuseDevelopmentKeys } from './developmentKeys.js';
import { gatewayKeyPairToEnv, gatewayPublicKeyFromEnv, gatewaySigningKeyFromEnv, generateGatewayKeyPair } from './gatewayKeys.js';
import { jwkThumbprint } from './jwkThumbprint.js';

const publicHalf = ({ kty, crv, x }: JWK): JWK => ({ kty, crv, x }) as JWK;

describe('jwkThumbprint', () => {
  it.each(['EdDSA', 'ES256', 'RS256'] as const)('is RFC 7638, as jose computes it, for %s keys, private or public', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const expected = await calculateJwkThumbprint(await exportJWK(publicKey));
    expect(jwkThumbprint(await exportJWK(publicKey))).toBe(expected);
    expect(jwkThumbprint({ ...(await exportJWK(privateKey)), kid: 'any label', use: 'sig' })).toBe(expected);
  });

  it('is undefined for a key with no public part or a missing member', () => {
    expect(jwkThumbprint({ kty: 'oct', k: 'c2VjcmV0' })).toBeUndefined();
    expect(jwkThumbprint({ kty: 'OKP', crv: 'Ed25519' })).toBeUndefined();
  });
});

describe('the development keys', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('are every key of dev-keys/ and authz-policies/keys/, and the list committed in code is the same', () => {
    const fromFiles = readDevelopmentKeys(repoRoot);
    const committed = COMMITTED_DEVELOPMENT_KEYS.map((k) => k.thumbprint).sort();
    const expected = DEV_KEY_IDS.map((id) => jwkThumbprint(readDevPrivateKey(id))!).sort();
    // When this fails after a key was added or replaced, paste this list into committedDevelopmentKeys.ts.
    const list = DEV_KEY_IDS.map(
      (id) => `{ thumbprint: '${jwkThumbprint(readDevPrivateKey(id))}', source: 'dev-keys/${id}.private.jwk.json' }`,
    );
    expect(committed, list.join(',\n')).toEqual(expected);
    for (const file of fs.readdirSync(path.join(repoRoot, 'authz-policies', 'keys'))) {
      const jwks = JSON.parse(fs.readFileSync(path.join(repoRoot, 'authz-policies', 'keys', file), 'utf8')) as { keys: JWK[] };
      for (const key of jwks.keys)
        expect(committed, `${file} holds a key that is not a known development key`).toContain(jwkThumbprint(key));
    }
    for (const thumbprint of expected) expect(fromFiles.get(thumbprint)).toMatch(/^dev-keys\//);
  });

  it('are recognised by their public key, whatever the file, kid or labels', () => {
    const capac = readDevPrivateKey('capac');
    const copy = { ...publicHalf(capac), kid: 'our-own-key-2026', alg: 'EdDSA', use: 'sig' };
    expect(() => refuseDevelopmentKeys([copy], 'partner capac: jwks file capac.jwks.json', readDevelopmentKeys())).toThrow(
      `partner capac: jwks file capac.jwks.json is a development key (thumbprint ${jwkThumbprint(capac)}, dev-keys/capac.private.jwk.json)`,
    );
  });

  it('include the development audit key npm start keeps in .data/, and the committed ones when the files are gone', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-devkeys-'));
    dirs.push(root);
    const audit = generateAuditKeyPair();
    fs.mkdirSync(path.join(root, '.data'));
    fs.writeFileSync(path.join(root, '.data', 'audit-keys.json'), JSON.stringify(audit));
    const known = readDevelopmentKeys(root);
    expect(known.get(jwkThumbprint(audit.publicJwk)!)).toBe('the development audit key of npm start (.data/audit-keys.json)');
    // No dev-keys/ in this "image": the committed list still names them.
    expect(known.get(jwkThumbprint(readDevPrivateKey('sfpd'))!)).toBe('dev-keys/sfpd.private.jwk.json');
  });

  it('name the position of the offending key in a list, and never quote a key', async () => {
    const own = await exportJWK((await generateKeyPair('EdDSA')).publicKey);
    const sfpd = readDevPrivateKey('sfpd');
    let message = '';
    try {
      refuseDevelopmentKeys([own, sfpd], 'AUDIT_PUBLIC_KEYS', readDevelopmentKeys());
    } catch (error) {
      expect(error).toBeInstanceOf(DevelopmentKeyError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^AUDIT_PUBLIC_KEYS \(key 2 of 2\) is a development key /);
    expect(message).not.toContain(sfpd.d!);
    expect(message).not.toContain(sfpd.x!);
    expect(() => refuseDevelopmentKeys([own], 'AUDIT_PUBLIC_KEYS', readDevelopmentKeys())).not.toThrow();
  });
});

describe('keys given in the environment, outside development', () => {
  const devPrivate = readDevPrivateKey('capac');

  it('refuses a development key as the gateway signing key or as its public key, naming the variable and the key', () => {
    const env = { GATEWAY_SIGNING_KEY: JSON.stringify(devPrivate), GATEWAY_PUBLIC_KEY: JSON.stringify(publicHalf(devPrivate)) };
    expect(() => gatewaySigningKeyFromEnv(env)).toThrow(
      /^GATEWAY_SIGNING_KEY is a development key \(thumbprint [\w-]{43}, dev-keys\/capac\.private\.jwk\.json\)/,
    );
    expect(() => gatewayPublicKeyFromEnv(env)).toThrow(/^GATEWAY_PUBLIC_KEY is a development key /);
    for (const CROSSROADS_ENV of ['production', 'prod']) expect(() => gatewaySigningKeyFromEnv({ ...env, CROSSROADS_ENV })).toThrow();
  });

  it('takes the same keys in development, test and benchmark', () => {
    for (const CROSSROADS_ENV of ['development', 'test', 'benchmark']) {
      const env = {
        CROSSROADS_ENV,
        GATEWAY_SIGNING_KEY: JSON.stringify(devPrivate),
        GATEWAY_PUBLIC_KEY: JSON.stringify(publicHalf(devPrivate)),
      };
      expect(gatewaySigningKeyFromEnv(env)).toEqual(devPrivate);
      expect(gatewayPublicKeyFromEnv(env)).toEqual(publicHalf(devPrivate));
    }
  });

  it("takes the deployment's own keys", async () => {
    const env = { ...gatewayKeyPairToEnv(await generateGatewayKeyPair()), ...auditKeyPairToEnv(generateAuditKeyPair()) };
    expect(() => gatewaySigningKeyFromEnv(env)).not.toThrow();
    expect(() => gatewayPublicKeyFromEnv(env)).not.toThrow();
    expect(() => auditSigningKeyFromEnv(env)).not.toThrow();
    expect(() => auditPublicKeysFromEnv(env)).not.toThrow();
  });

  it('refuses a development key to sign audit checkpoints, or among the keys verify trusts', () => {
    const own = generateAuditKeyPair();
    expect(() => auditSigningKeyFromEnv({ AUDIT_SIGNING_KEY: JSON.stringify(devPrivate) })).toThrow(
      /^AUDIT_SIGNING_KEY is a development key /,
    );
    expect(() => auditPublicKeysFromEnv({ AUDIT_PUBLIC_KEYS: JSON.stringify([own.publicJwk, publicHalf(devPrivate)]) })).toThrow(
      /^AUDIT_PUBLIC_KEYS \(key 2 of 2\) is a development key /,
    );
    expect(
      auditPublicKeysFromEnv({ CROSSROADS_ENV: 'development', AUDIT_PUBLIC_KEYS: JSON.stringify([publicHalf(devPrivate)]) }),
    ).toHaveLength(1);
  });
});
