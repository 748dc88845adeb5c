import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Partner } from '../authz/model.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createCitizenAuthenticator } from './createCitizenAuthenticator.js';
import { createPartnerAuthenticator } from './createPartnerAuthenticator.js';
import { DEV_CITIZEN_IDP_KEY, readDevPrivateKey } from './devKeys.js';
import { readCitizenLogin } from './readCitizenLogin.js';
import { readPartnerIssuer } from './readPartnerIssuer.js';
import { policyDir } from '../authz/policyPaths.js';

const fixture = fileURLToPath(new URL('./__fixtures__/partners.yaml', import.meta.url));
const cli = fileURLToPath(new URL('../cli/token.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function runCli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}

describe('readPartnerIssuer', () => {
  it("reads a partner's issuer from partners.yaml", () => {
    expect(readPartnerIssuer(fixture, 'capac')).toBe('urn:crossroads:partner:capac');
  });

  it('also reads the list under a partners: key', () => {
    const mapping = fileURLToPath(new URL('./__fixtures__/partners-mapping.yaml', import.meta.url));
    expect(readPartnerIssuer(mapping, 'capac')).toBe('urn:crossroads:partner:capac');
  });

  it('says when partners.yaml does not exist yet', () => {
    expect(() => readPartnerIssuer('/nowhere/partners.yaml', 'capac')).toThrow(
      "/nowhere/partners.yaml does not exist yet: it registers each partner's issuer, which the token must carry.",
    );
  });

  it('names the partners it knows when asked for another', () => {
    expect(() => readPartnerIssuer(fixture, 'acme')).toThrow(`Unknown partner acme: ${fixture} lists capac, famiwal.`);
  });
});

describe('the token CLI', { timeout: 20_000 }, () => {
  it('prints only a token the gateway accepts, with kid, jti and the default 900 s lifetime', async () => {
    const { status, stdout, stderr } = await runCli('capac', '--partners', fixture);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const token = stdout.trim();
    expect(stdout).toBe(`${token}\n`);
    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: readDevPrivateKey('capac').kid });
    expect(claims).toEqual({
      sub: 'capac',
      iss: 'urn:crossroads:partner:capac',
      aud: GATEWAY_AUDIENCE,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: expect.any(Number),
      exp: claims.iat! + 900,
    });
    const capac: Partner = {
      id: 'capac',
      name: 'HVW/CAPAC',
      kind: 'PAYMENT_INSTITUTION',
      issuer: 'urn:crossroads:partner:capac',
      jwks: { file: 'keys/capac.jwks.json' },
      location: { file: 'partners.yaml', line: 2 },
    };
    const { authenticate } = createPartnerAuthenticator({
      partners: new Map([['capac', capac]]),
      policyDir,
      audience: GATEWAY_AUDIENCE,
    });
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({ partnerId: 'capac', tokenId: claims.jti });
  });

  it('with --purpose, also prints a curl command with both headers on stderr', async () => {
    const { stdout, stderr } = await runCli('capac', '--partners', fixture, '--purpose', 'UNEMPLOYMENT_BENEFIT', '--ttl', '60');
    const token = stdout.trim();
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(60);
    expect(stderr).toContain(`-H 'Authorization: Bearer ${token}' -H 'X-Purpose: UNEMPLOYMENT_BENEFIT'`);
    expect(stderr).toMatch(/^curl -s http:\/\/localhost:\d+\/graphql /);
  });

  it('refuses a lifetime over an hour', async () => {
    expect(await runCli('capac', '--partners', fixture, '--ttl', '3601')).toEqual({
      status: 2,
      stdout: '',
      stderr: '--ttl takes a whole number of seconds from 1 to 3600.\n',
    });
  });

  it('fails clearly when partners.yaml does not exist', async () => {
    expect(await runCli('capac', '--partners', '/nowhere/partners.yaml')).toEqual({
      status: 1,
      stdout: '',
      stderr: "/nowhere/partners.yaml does not exist yet: it registers each partner's issuer, which the token must carry.\n",
    });
  });

  it("with --citizen, prints a token of the citizens' identity provider whose subject is the SSIN, which the gateway accepts", async () => {
    const { status, stdout, stderr } = await runCli('--citizen', '85.07.30-033.28');
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const token = stdout.trim();
    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: readDevPrivateKey(DEV_CITIZEN_IDP_KEY).kid });
    expect(claims).toEqual({
      sub: '85073003328',
      iss: 'urn:crossroads:idp:citizens',
      aud: GATEWAY_AUDIENCE,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: expect.any(Number),
      exp: claims.iat! + 900,
    });
    const citizens = createCitizenAuthenticator({ login: readCitizenLogin(policyDir)!, policyDir, audience: GATEWAY_AUDIENCE });
    expect(await citizens.authenticate(`Bearer ${token}`)).toMatchObject({ ssin: '85073003328', tokenId: claims.jti });
  });

  it('with --citizen, takes --ttl up to an hour', async () => {
    const token = (await runCli('--citizen', '03021415813', '--ttl', '3600')).stdout.trim();
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(3600);
    expect(await runCli('--citizen', '03021415813', '--ttl', '3601')).toEqual({
      status: 2,
      stdout: '',
      stderr: '--ttl takes a whole number of seconds from 1 to 3600.\n',
    });
  });

  it('refuses a citizen whose SSIN is not valid, saying which rule it breaks', async () => {
    expect(await runCli('--citizen', '85073003329')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        '--citizen takes a valid SSIN. The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.\n',
    });
  });

  it('refuses a partner and a citizen at once', async () => {
    const { status, stdout, stderr } = await runCli('capac', '--citizen', '85073003328');
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr).toMatch(/^Name a partner or give --citizen SSIN, not both\./);
  });

  it('refuses a purpose for a citizen, whose purpose is implicit', async () => {
    expect(await runCli('--citizen', '85073003328', '--purpose', 'UNEMPLOYMENT_BENEFIT')).toEqual({
      status: 2,
      stdout: '',
      stderr: "--purpose is for partners: a citizen's requests have one implicit purpose.\n",
    });
  });
});
