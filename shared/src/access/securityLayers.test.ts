import { describe, expect, it } from 'vitest';
import { disabledSecurityLayers } from './securityLayers.js';

describe('switching security layers off', () => {
  it('is refused outside benchmark mode', () => {
    expect(() => disabledSecurityLayers({ CROSSROADS_BENCH_DISABLE: 'shield' })).toThrow(/honoured only with CROSSROADS_ENV=benchmark/);
    expect(() => disabledSecurityLayers({ CROSSROADS_ENV: 'development', CROSSROADS_BENCH_DISABLE: 'shield' })).toThrow(/only with/);
  });

  it('names the layers in benchmark mode', () => {
    expect([...disabledSecurityLayers({ CROSSROADS_ENV: 'benchmark', CROSSROADS_BENCH_DISABLE: 'shield, sealing' })]).toEqual([
      'shield',
      'sealing',
    ]);
  });

  it('refuses an unknown layer', () => {
    expect(() => disabledSecurityLayers({ CROSSROADS_ENV: 'benchmark', CROSSROADS_BENCH_DISABLE: 'audit-trail' })).toThrow(
      /unknown layer "audit-trail"/,
    );
  });

  it('switches nothing off by default', () => {
    expect(disabledSecurityLayers({}).size).toBe(0);
  });
});
