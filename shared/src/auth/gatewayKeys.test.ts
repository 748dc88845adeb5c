import { describe, expect, it } from 'vitest';
import { createGatewaySigner } from './createGatewaySigner.js';
import { createGatewayTokenVerifier } from './createGatewayTokenVerifier.js';
import { gatewayKeyPairToEnv, gatewayPublicKeyFromEnv, gatewaySigningKeyFromEnv, generateGatewayKeyPair } from './gatewayKeys.js';

describe('gateway keys from the environment', () => {
  it('round-trips a generated pair through the environment the stack sets', async () => {
    const env = gatewayKeyPairToEnv(await generateGatewayKeyPair());
    const signer = createGatewaySigner({ privateJwk: gatewaySigningKeyFromEnv(env) });
    const verifier = createGatewayTokenVerifier({ publicJwk: gatewayPublicKeyFromEnv(env), subgraph: 'persons' });
    const call = { partnerId: 'capac', purpose: 'P', authorizationIds: [], requestId: 'r' };
    expect(await verifier.verify(`Bearer ${await signer.sign({ audience: 'persons', ...call })}`)).toEqual(call);
  });

  it('gives the public key a kid (its thumbprint) and no private part', async () => {
    const { privateJwk, publicJwk } = await generateGatewayKeyPair();
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: privateJwk.kid, alg: 'EdDSA', use: 'sig' });
  });

  it('says which variable is missing', () => {
    expect(() => gatewayPublicKeyFromEnv({})).toThrow('GATEWAY_PUBLIC_KEY is not set: expected a public Ed25519 JWK in JSON');
  });

  it('refuses a value that is not JSON without quoting it (it may be a private key)', () => {
    const env = { GATEWAY_SIGNING_KEY: '{"d":"c2VjcmV0' };
    expect(() => gatewaySigningKeyFromEnv(env)).toThrow(
      /^GATEWAY_SIGNING_KEY \(value not shown\): expected a private Ed25519 JWK in JSON; it is not valid JSON$/,
    );
  });

  it('refuses a private key given as the public key', async () => {
    const env = { GATEWAY_PUBLIC_KEY: JSON.stringify((await generateGatewayKeyPair()).privateJwk) };
    expect(() => gatewayPublicKeyFromEnv(env)).toThrow(
      'GATEWAY_PUBLIC_KEY (value not shown): expected a public Ed25519 JWK in JSON; it contains a private key ("d"); give only the public part.',
    );
  });

  it('refuses a key of another type', () => {
    const env = { GATEWAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' }) };
    expect(() => gatewaySigningKeyFromEnv(env)).toThrow(
      'GATEWAY_SIGNING_KEY (value not shown): expected a private Ed25519 JWK in JSON; it is not an Ed25519 private key (a JWK with kty OKP, crv Ed25519, x and d).',
    );
  });

  it('refuses an Ed25519 JWK whose x does not decode to a key', () => {
    const env = { GATEWAY_PUBLIC_KEY: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'too-short' }) };
    expect(() => gatewayPublicKeyFromEnv(env)).toThrow(
      'GATEWAY_PUBLIC_KEY (value not shown): expected a public Ed25519 JWK in JSON; it is not a valid Ed25519 key (its x or d does not decode to one).',
    );
  });
});
