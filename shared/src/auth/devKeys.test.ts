import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_CITIZEN_IDP_KEY, DEV_KEY_IDS, partnerJwksFile, readDevPrivateKey } from './devKeys.js';
import { readCitizenLogin } from './readCitizenLogin.js';
import { ensureDevKeys } from './ensureDevKeys.js';
import { policyDir } from '../authz/policyPaths.js';

describe('the published development keys', () => {
  it.each(DEV_KEY_IDS)('%s: the private dev key verifies against the published JWKS, which holds no private part', async (id) => {
    const jwks = JSON.parse(fs.readFileSync(path.join(policyDir, partnerJwksFile(id)), 'utf8')) as { keys: JWK[] };
    expect(jwks.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' }]);
    const privateJwk = readDevPrivateKey(id);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid! })
      .sign(await importJWK(privateJwk, 'EdDSA'));
    await expect(jwtVerify(token, createLocalJWKSet(jwks))).resolves.toBeDefined();
  });

  it("the citizens' identity provider of the policy set is the development one, whose private key is published", () => {
    expect(readCitizenLogin(policyDir)?.jwks).toEqual({ file: partnerJwksFile(DEV_CITIZEN_IDP_KEY) });
  });
});

describe('ensureDevKeys', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  function tempDirs() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-devkeys-'));
    dirs.push(root);
    return { partnerIds: ['capac', 'forem'], devKeysDir: path.join(root, 'dev-keys'), policyDir: path.join(root, 'authz-policies') };
  }

  it('creates the missing pairs, then leaves them alone', async () => {
    const options = tempDirs();
    expect(await ensureDevKeys(options)).toEqual({ created: ['capac', 'forem'], republished: [], kept: [] });
    const before = fs.readFileSync(path.join(options.devKeysDir, 'capac.private.jwk.json'), 'utf8');
    expect(await ensureDevKeys(options)).toEqual({ created: [], republished: [], kept: ['capac', 'forem'] });
    expect(fs.readFileSync(path.join(options.devKeysDir, 'capac.private.jwk.json'), 'utf8')).toBe(before);
  });

  it('re-publishes a missing JWKS from the existing private key', async () => {
    const options = tempDirs();
    await ensureDevKeys(options);
    const jwksFile = path.join(options.policyDir, 'keys/capac.jwks.json');
    const published = fs.readFileSync(jwksFile, 'utf8');
    fs.rmSync(jwksFile);
    expect(await ensureDevKeys(options)).toEqual({ created: [], republished: ['capac'], kept: ['forem'] });
    expect(fs.readFileSync(jwksFile, 'utf8')).toBe(published);
  });

  it('refuses to continue when a JWKS does not match its private key', async () => {
    const options = tempDirs();
    await ensureDevKeys(options);
    fs.copyFileSync(path.join(options.policyDir, 'keys/forem.jwks.json'), path.join(options.policyDir, 'keys/capac.jwks.json'));
    await expect(ensureDevKeys(options)).rejects.toThrow(
      /capac\.jwks\.json does not contain the public key of .*capac\.private\.jwk\.json/,
    );
  });
});
