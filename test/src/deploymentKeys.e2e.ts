import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  GATEWAY_AUDIENCE,
  auditKeyPairToEnv,
  gatewayKeyPairToEnv,
  generateGatewayKeyPair,
  jwkThumbprint,
  mintPartnerToken,
  policyDir,
  readDevPrivateKey,
} from '@crossroads/shared';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { refusedStart, startOwnProcess, type OwnProcess } from './helpers/ownProcess.js';

// Outside development (CROSSROADS_ENV=production, as a deployment runs), the processes trust no key anyone
// with the repository holds, and read no partner key from it; with the operator's own keys they start.
const { mongoUri, auditKeys } = inject('stack');
const production = { CROSSROADS_ENV: 'production', LOG_LEVEL: 'info' };
const publicHalf = ({ kty, crv, x }: JWK): JWK => ({ kty, crv, x }) as JWK;
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
afterAll(() => temporary.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('outside development, a process refuses to start with the keys of the repository', () => {
  it("the gateway, with the repository's policy set: partners' keys would be read from the repository", async () => {
    const { exitCode, output } = await refusedStart('gateway', {
      ...production,
      ...gatewayKeyPairToEnv(await generateGatewayKeyPair()),
      ...auditKeyPairToEnv(auditKeys),
      MONGODB_URI: mongoUri,
    });
    expect(exitCode).toBe(1);
    expect(output).toContain('gateway refused to start:');
    expect(output).toMatch(
      /partners\.yaml:\d+: partner capac: its keys would be read from keys\/capac\.jwks\.json in the policy directory/,
    );
    expect(output).toMatch(/partners\.yaml:\d+: partner sfpd: its keys would be read from keys\/sfpd\.jwks\.json/);
  });

  it('the gateway, with the development keys copied into its JWKS_DIR: names each key', async () => {
    const jwksDir = tempDir('crossroads-copied-keys-');
    for (const file of fs.readdirSync(path.join(policyDir, 'keys')))
      fs.copyFileSync(path.join(policyDir, 'keys', file), path.join(jwksDir, file));
    const { exitCode, output } = await refusedStart('gateway', {
      ...production,
      ...gatewayKeyPairToEnv(await generateGatewayKeyPair()),
      ...auditKeyPairToEnv(auditKeys),
      MONGODB_URI: mongoUri,
      JWKS_DIR: jwksDir,
    });
    expect(exitCode).toBe(1);
    const capac = jwkThumbprint(readDevPrivateKey('capac'));
    expect(output).toContain(
      `partner capac: jwks file capac.jwks.json (in JWKS_DIR) is a development key (thumbprint ${capac}, dev-keys/capac.private.jwk.json)`,
    );
  });

  it('the gateway, with a development key to sign its calls to the sources', async () => {
    const { exitCode, output } = await refusedStart('gateway', {
      ...production,
      GATEWAY_SIGNING_KEY: JSON.stringify(readDevPrivateKey('famiwal')),
      ...auditKeyPairToEnv(auditKeys),
      MONGODB_URI: mongoUri,
    });
    expect(exitCode).toBe(1);
    expect(output).toContain(
      `GATEWAY_SIGNING_KEY is a development key (thumbprint ${jwkThumbprint(readDevPrivateKey('famiwal'))}, dev-keys/famiwal.private.jwk.json)`,
    );
    expect(output).not.toContain(readDevPrivateKey('famiwal').d!);
  });

  it('a subgraph, trusting a development key as the gateway key', async () => {
    const { exitCode, output } = await refusedStart('authorizations', {
      ...production,
      GATEWAY_PUBLIC_KEY: JSON.stringify(publicHalf(readDevPrivateKey('sfpd'))),
    });
    expect(exitCode).toBe(1);
    expect(output).toContain('authorizations refused to start:');
    expect(output).toContain(`GATEWAY_PUBLIC_KEY is a development key (thumbprint ${jwkThumbprint(readDevPrivateKey('sfpd'))}`);
  });

  it('a source, with a development key to sign its audit checkpoints, before it connects to anything', async () => {
    const { exitCode, output } = await refusedStart('persons', {
      ...production,
      GATEWAY_PUBLIC_KEY: JSON.stringify((await generateGatewayKeyPair()).publicJwk),
      AUDIT_SIGNING_KEY: JSON.stringify(readDevPrivateKey('security-officer')),
      // Nothing listens there: a refusal that waited for the connection would report that instead.
      MONGODB_URI: 'mongodb://127.0.0.1:9/',
    });
    expect(exitCode).toBe(1);
    expect(output).toContain('AUDIT_SIGNING_KEY is a development key');
  });
});

describe('a bad setting stops the process, naming the variable, the value and what is expected', () => {
  it('SUBGRAPH_TIMEOUT_MS=5s stops the gateway', async () => {
    const { exitCode, output } = await refusedStart('gateway', { SUBGRAPH_TIMEOUT_MS: '5s' });
    expect(exitCode).toBe(1);
    expect(output).toContain('SUBGRAPH_TIMEOUT_MS="5s": expected a whole number of milliseconds from 100 to 300,000');
  });

  it('PERSONS_MAX_BATCH=abc stops the persons source, with every other problem at once', async () => {
    const { exitCode, output } = await refusedStart('persons', { PERSONS_MAX_BATCH: 'abc', LOG_LEVEL: 'chatty' });
    expect(exitCode).toBe(1);
    expect(output).toContain('PERSONS_MAX_BATCH="abc": expected a whole number from 1 to 10,000');
    expect(output).toContain('LOG_LEVEL="chatty": expected one of fatal, error, warn, info, debug, trace, silent');
  });
});

describe("with the deployment's own keys, production starts and follows a partner's key rotation", () => {
  const COOLDOWN_MS = 1_000;
  let jwksServer: https.Server;
  let served: JWK[] = [];
  let hits = 0;
  let gateway: OwnProcess;
  let register: OwnProcess;
  const keys: Record<string, { privateJwk: JWK; publicJwk: JWK }> = {};

  async function newKey(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const common = { kid, alg: 'EdDSA', use: 'sig' };
    return { privateJwk: { ...(await exportJWK(privateKey)), ...common }, publicJwk: { ...(await exportJWK(publicKey)), ...common } };
  }

  const ask = async (partnerId: string, privateJwk: JWK) => {
    const token = await mintPartnerToken({
      privateJwk,
      partnerId,
      issuer: `urn:crossroads:partner:${partnerId}`,
      audience: GATEWAY_AUDIENCE,
      ttlSeconds: 300,
    });
    return graphqlRequest(gateway.url, '{ myAuthorizations { id } }', undefined, {
      authorization: `Bearer ${token}`,
      'x-purpose': partnerId === 'capac' ? 'UNEMPLOYMENT_BENEFIT' : 'FAMILY_ALLOWANCE',
    });
  };

  beforeAll(async () => {
    // The partner capac publishes its keys at an HTTPS URL, with a certificate the gateway is told to trust.
    const tls = tempDir('crossroads-tls-');
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'],
        ...['-keyout', path.join(tls, 'key.pem'), '-out', path.join(tls, 'cert.pem')],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    keys['capac-1'] = await newKey('capac-2026-1');
    keys['capac-2'] = await newKey('capac-2026-2');
    served = [keys['capac-1'].publicJwk];
    jwksServer = https.createServer(
      { key: fs.readFileSync(path.join(tls, 'key.pem')), cert: fs.readFileSync(path.join(tls, 'cert.pem')) },
      (req, res) => {
        hits += 1;
        if (req.url !== '/capac/jwks.json') return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: served }));
      },
    );
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `https://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/capac/jwks.json`;

    // The operator's policy set: the committee's files, capac at its URL, everyone else's keys in JWKS_DIR.
    const policies = tempDir('crossroads-deployed-policies-');
    fs.cpSync(policyDir, policies, { recursive: true });
    fs.rmSync(path.join(policies, 'keys'), { recursive: true });
    const partners = path.join(policies, 'partners.yaml');
    fs.writeFileSync(
      partners,
      fs.readFileSync(partners, 'utf8').replace('jwks: { file: keys/capac.jwks.json }', `jwks: { url: '${jwksUrl}' }`),
    );
    const jwksDir = tempDir('crossroads-deployed-keys-');
    for (const id of ['famiwal', 'sfpd', 'forem', 'inspection', 'security-officer', 'citizen-idp']) {
      keys[id] = await newKey(`${id}-2026`);
      fs.writeFileSync(path.join(jwksDir, `${id}.jwks.json`), JSON.stringify({ keys: [keys[id].publicJwk] }));
    }

    const pair = await generateGatewayKeyPair();
    register = await startOwnProcess('authorizations', {
      ...production,
      AUTHZ_POLICY_DIR: policies,
      GATEWAY_PUBLIC_KEY: JSON.stringify(pair.publicJwk),
    });
    await register.service.ready;
    gateway = await startOwnProcess('gateway', {
      ...production,
      ...gatewayKeyPairToEnv(pair),
      ...auditKeyPairToEnv(auditKeys),
      MONGODB_URI: mongoUri,
      AUTHZ_POLICY_DIR: policies,
      JWKS_DIR: jwksDir,
      JWKS_COOLDOWN_MS: String(COOLDOWN_MS),
      AUTHORIZATIONS_URL: register.url,
      NODE_EXTRA_CA_CERTS: path.join(tls, 'cert.pem'),
    });
    await gateway.service.ready;
  });

  afterAll(async () => {
    await gateway?.service.stop();
    await register?.service.stop();
    await new Promise<void>((resolve) => (jwksServer ? jwksServer.close(() => resolve()) : resolve()));
  });

  it("answers a partner whose keys are in the operator's directory, and one whose keys are at its URL", async () => {
    const famiwal = await ask('famiwal', keys['famiwal']!.privateJwk);
    expect(famiwal.status).toBe(200);
    expect(famiwal.body.data?.['myAuthorizations']).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]));
    const capac = await ask('capac', keys['capac-1']!.privateJwk);
    expect(capac.status, JSON.stringify(capac.body)).toBe(200);
    expect(capac.body.data?.['myAuthorizations']).toEqual(expect.arrayContaining([{ id: 'ISC/24/017' }]));
  });

  it("refuses a token signed with capac's development key, which is no longer trusted", async () => {
    const forged = await ask('capac', readDevPrivateKey('capac'));
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]?.['extensions']).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts a token signed by the rotated key once the partner publishes it, and refuses the withdrawn one', async () => {
    served = [keys['capac-2']!.publicJwk];
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 200));
    const rotated = await ask('capac', keys['capac-2']!.privateJwk);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.data?.['myAuthorizations']).toEqual(expect.arrayContaining([{ id: 'ISC/24/017' }]));
    const withdrawn = await ask('capac', keys['capac-1']!.privateJwk);
    expect(withdrawn.status).toBe(401);
  });

  it('fetches the URL at most once per cooldown however many tokens name unknown keys', async () => {
    const before = hits;
    const attacker = await newKey('x');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => ask('capac', { ...attacker.privateJwk, kid: `unknown-${randomUUID()}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(401));
    // One fetch at most, even if the cooldown ran out while they were sent.
    expect(hits - before).toBeLessThanOrEqual(1);
  });
});
