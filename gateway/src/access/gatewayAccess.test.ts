import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, generateGatewayKeyPair, policyDir } from '@crossroads/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createGatewayAccess, partnerTokenCacheOptionsFromEnv } from './gatewayAccess.js';

describe('the partner authenticator of the gateway', () => {
  it('is one per policy set: a reload gets a new one, so nothing verified under the old set is re-used', async () => {
    const logger = createLogger('gateway-access-test');
    logger.level = 'silent';
    const access = createGatewayAccess({ signingKey: (await generateGatewayKeyPair()).privateJwk, logger });
    const before = access.authenticatorFor(access.policies.current());
    expect(access.authenticatorFor(access.policies.current())).toBe(before);
    expect(access.policies.reload()).toBe(true);
    const after = access.authenticatorFor(access.policies.current());
    expect(after).not.toBe(before);
    expect(access.authenticatorFor(access.policies.current())).toBe(after);
  });

  it("reads the partners' keys with the set: a reload whose key file is missing is refused at the partner's line", async () => {
    const logger = createLogger('gateway-access-test');
    logger.level = 'silent';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-access-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.cpSync(policyDir, dir, { recursive: true });
    const access = createGatewayAccess({ policyDir: dir, signingKey: (await generateGatewayKeyPair()).privateJwk, logger });
    const before = access.policies.current();
    fs.rmSync(path.join(dir, 'keys', 'famiwal.jwks.json'));
    expect(access.policies.reload()).toBe(false);
    expect(access.policies.current()).toBe(before);
    const line = fs.readFileSync(path.join(dir, 'partners.yaml'), 'utf8').split('\n').indexOf('- id: famiwal') + 1;
    expect(access.policies.status().lastReload?.problems).toEqual([
      {
        file: 'partners.yaml',
        line,
        message: expect.stringMatching(/^partner famiwal: jwks file keys\/famiwal\.jwks\.json cannot be read/),
      },
    ]);
  });
});

describe('partnerTokenCacheOptionsFromEnv', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(partnerTokenCacheOptionsFromEnv({})).toEqual({});
  });

  it('reads the age and the size, 0 included (the cache off)', () => {
    expect(partnerTokenCacheOptionsFromEnv({ PARTNER_TOKEN_CACHE_TTL_MS: '0', PARTNER_TOKEN_CACHE_MAX: '500' })).toEqual({
      maxAgeMs: 0,
      maxEntries: 500,
    });
  });

  it('refuses anything but a whole number ≥ 0, naming the variable', () => {
    expect(() => partnerTokenCacheOptionsFromEnv({ PARTNER_TOKEN_CACHE_TTL_MS: '5m' })).toThrow(
      'PARTNER_TOKEN_CACHE_TTL_MS="5m": expected a whole number of milliseconds from 0 to 3,600,000',
    );
    expect(() => partnerTokenCacheOptionsFromEnv({ PARTNER_TOKEN_CACHE_MAX: '-1' })).toThrow(/^PARTNER_TOKEN_CACHE_MAX="-1": expected /);
  });
});
