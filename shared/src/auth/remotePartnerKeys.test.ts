import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../authz/model.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createPartnerAuthenticator, type PartnerAuthenticator } from './createPartnerAuthenticator.js';
import { refusal, unauthenticatedError } from './__fixtures__/refusal.js';
import { policyDir } from '../authz/policyPaths.js';

// A partner publishing its keys at a URL, served on the loopback interface (no network).
describe('createPartnerAuthenticator: keys at a JWKS URL', () => {
  let server: http.Server;
  let authenticator: PartnerAuthenticator;
  let sign: (sub: string) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' }] });
    server = http.createServer((req, res) => {
      if (req.url === '/jwks.json') res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const partner = (id: string, url: string): Partner => ({
      id,
      name: id,
      kind: 'PENSION_SERVICE',
      issuer: `urn:crossroads:partner:${id}`,
      jwks: { url },
      location: { file: 'partners.yaml', line: 1 },
    });
    const partners = new Map([partner('sfpd', `${base}/jwks.json`), partner('down', `${base}/broken`)].map((p) => [p.id, p]));
    authenticator = createPartnerAuthenticator({ partners, policyDir, audience: GATEWAY_AUDIENCE });
    sign = (sub) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
        .setSubject(sub)
        .setIssuer(`urn:crossroads:partner:${sub}`)
        .setAudience(GATEWAY_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("accepts a token verified against the partner's JWKS URL", async () => {
    expect(await authenticator.authenticate(`Bearer ${await sign('sfpd')}`)).toMatchObject({ partnerId: 'sfpd' });
  });

  it('refuses with PARTNER_KEYS_UNAVAILABLE when the JWKS URL does not answer with keys', async () => {
    expect(await refusal(async () => authenticator.authenticate(`Bearer ${await sign('down')}`))).toEqual(
      unauthenticatedError(
        'PARTNER_KEYS_UNAVAILABLE',
        "The partner's published keys (its JWKS URL) could not be fetched; try again later.",
      ),
    );
  });
});
