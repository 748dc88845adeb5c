import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CITIZEN_LOGIN_FILE, readCitizenLogin } from './readCitizenLogin.js';
import { policyDir } from '../authz/policyPaths.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-citizen-login-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A policy directory whose citizens' identity provider file says `yaml`. */
function dirWith(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(root, 'set-'));
  fs.mkdirSync(path.join(dir, 'identity-providers'));
  fs.writeFileSync(path.join(dir, CITIZEN_LOGIN_FILE), yaml);
  return dir;
}

describe('readCitizenLogin', () => {
  it('reads the development identity provider of the published policy set', () => {
    expect(readCitizenLogin(policyDir)).toEqual({
      issuer: 'urn:crossroads:idp:citizens',
      name: expect.any(String),
      jwks: { file: 'keys/citizen-idp.jwks.json' },
      location: { file: 'identity-providers/citizens.yaml', line: 1 },
    });
  });

  it('accepts a provider publishing its keys at an https URL', () => {
    const dir = dirWith('issuer: https://idp.example.be\nname: FAS\njwks: { url: https://idp.example.be/jwks }\n');
    expect(readCitizenLogin(dir)).toMatchObject({ issuer: 'https://idp.example.be', jwks: { url: 'https://idp.example.be/jwks' } });
  });

  it('says there is none when the directory has no such file: no citizen can log in', () => {
    expect(readCitizenLogin(fs.mkdtempSync(path.join(root, 'empty-')))).toBeUndefined();
  });

  it("refuses a partner's issuer, which would let a citizen token pass for a partner's", () => {
    const dir = dirWith('name: FAS\nissuer: urn:crossroads:partner:capac\njwks: { file: keys/citizen-idp.jwks.json }\n');
    expect(() => readCitizenLogin(dir)).toThrow(
      "The citizens' identity provider is misconfigured:\nidentity-providers/citizens.yaml:2: issuer: must not be a partner's or the gateway's issuer",
    );
  });

  it("refuses a partner's key file, which would let that partner sign in any citizen's name", () => {
    const dir = dirWith('issuer: urn:crossroads:idp:citizens\nname: FAS\njwks: { file: keys/capac.jwks.json }\n');
    expect(() => readCitizenLogin(dir)).toThrow('identity-providers/citizens.yaml:3: jwks.file: must be "keys/citizen-idp.jwks.json"');
  });

  it('names every problem of the file with its line', () => {
    const dir = dirWith('issuer: urn:crossroads:idp:citizens\njwks: { url: http://idp.example.be/jwks }\nmaxLifetime: 86400\n');
    expect(() => readCitizenLogin(dir)).toThrow(
      [
        "The citizens' identity provider is misconfigured:",
        "identity-providers/citizens.yaml:1: missing required property 'name'",
        'identity-providers/citizens.yaml:2: jwks.url: must match pattern "^https://"',
        "identity-providers/citizens.yaml:3: unknown property 'maxLifetime'",
      ].join('\n'),
    );
  });
});
