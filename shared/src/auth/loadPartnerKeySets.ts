import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Partner } from '../authz/model.js';
import { unauthenticated } from './unauthenticated.js';

/**
 * One key resolver per partner, built once when the gateway starts. JWKS files
 * are read and checked here, so that a missing or broken file in the policy set
 * stops the start with a message naming the partner, instead of refusing that
 * partner's every call. URLs are fetched on first use and cached by jose
 * (which re-fetches, rate-limited, when a token names an unknown `kid`: that is
 * how a partner rotates its keys without us).
 */
export function loadPartnerKeySets(partners: Map<string, Partner>, policyDir: string): Map<string, JWTVerifyGetKey> {
  const keySets = new Map<string, JWTVerifyGetKey>();
  for (const partner of partners.values()) {
    keySets.set(
      partner.id,
      'file' in partner.jwks ? localKeySet(partner, partner.jwks.file, policyDir) : remoteKeySet(partner, partner.jwks.url),
    );
  }
  return keySets;
}

function where(partner: Partner): string {
  return `partner ${partner.id} (${partner.location.file}:${partner.location.line})`;
}

function localKeySet(partner: Partner, file: string, policyDir: string): JWTVerifyGetKey {
  const root = path.resolve(policyDir);
  const full = path.resolve(root, file);
  // The policy set is reviewed, but a path leaving it would make a reviewer's "keys/" reading wrong.
  if (!full.startsWith(root + path.sep)) throw new Error(`${where(partner)}: jwks file ${file} is outside the policy directory.`);
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(fs.readFileSync(full, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    throw new Error(`${where(partner)}: jwks file ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) throw new Error(`${where(partner)}: jwks file ${file} has no "keys".`);
  // A private key in the published policy set is a leak: refuse to start so someone notices.
  if (jwks.keys.some((key) => typeof key === 'object' && key !== null && 'd' in key)) {
    throw new Error(`${where(partner)}: jwks file ${file} contains a private key; publish only the public part.`);
  }
  try {
    return createLocalJWKSet(jwks);
  } catch (error) {
    throw new Error(`${where(partner)}: jwks file ${file} is not a valid JWK set: ${(error as Error).message}`);
  }
}

function remoteKeySet(partner: Partner, url: string): JWTVerifyGetKey {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where(partner)}: jwks url ${url} is not a URL.`);
  }
  // Keys fetched over plain HTTP could be swapped in transit; loopback is allowed for local tests.
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new Error(`${where(partner)}: jwks url ${url} must use https.`);
  }
  const remote = createRemoteJWKSet(parsed);
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // No key for this token is the token's fault; anything else (timeout, HTTP error, bad JSON) is the endpoint's.
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error;
      }
      throw unauthenticated(
        'PARTNER_KEYS_UNAVAILABLE',
        "The partner's published keys (its JWKS URL) could not be fetched; try again later.",
      );
    }
  };
}
