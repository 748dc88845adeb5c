import { createLogger, generateGatewayKeyPair } from '@crossroads/shared';
import { describe, expect, it } from 'vitest';
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
