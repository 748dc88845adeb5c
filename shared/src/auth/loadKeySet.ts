import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/** Where a token issuer publishes its public keys: a JWKS file (relative to authz-policies/) or an https URL. */
export type KeySetSource = { file: string } | { url: string };

export interface LoadKeySetOptions {
  /** Directory a `file` is relative to (authz-policies/); the file must stay inside it. */
  policyDir: string;
  /** Names the issuer in start-up messages, e.g. `partner capac (partners.yaml:3)`. */
  where: string;
  /** The refusal when a JWKS URL cannot be fetched (the endpoint's fault, not the token's). */
  unavailable: () => Error;
}

/**
 * One issuer's key resolver, built once. A JWKS file is read and checked here,
 * so that a missing or broken file stops the start with a message naming the
 * issuer, instead of refusing its every token. A URL is fetched on first use
 * and cached by jose (which re-fetches, rate-limited, when a token names an
 * unknown `kid`: that is how an issuer rotates its keys without us).
 */
export function loadKeySet(source: KeySetSource, options: LoadKeySetOptions): JWTVerifyGetKey {
  return 'file' in source ? localKeySet(source.file, options) : remoteKeySet(source.url, options);
}

function localKeySet(file: string, { policyDir, where }: LoadKeySetOptions): JWTVerifyGetKey {
  const root = path.resolve(policyDir);
  const full = path.resolve(root, file);
  // The policy set is reviewed, but a path leaving it would make a reviewer's "keys/" reading wrong.
  if (!full.startsWith(root + path.sep)) throw new Error(`${where}: jwks file ${file} is outside the policy directory.`);
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(fs.readFileSync(full, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    throw new Error(`${where}: jwks file ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) throw new Error(`${where}: jwks file ${file} has no "keys".`);
  // A private key in the published policy set is a leak: refuse to start so someone notices.
  if (jwks.keys.some((key) => typeof key === 'object' && key !== null && 'd' in key)) {
    throw new Error(`${where}: jwks file ${file} contains a private key; publish only the public part.`);
  }
  try {
    return createLocalJWKSet(jwks);
  } catch (error) {
    throw new Error(`${where}: jwks file ${file} is not a valid JWK set: ${(error as Error).message}`);
  }
}

function remoteKeySet(url: string, { where, unavailable }: LoadKeySetOptions): JWTVerifyGetKey {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where}: jwks url ${url} is not a URL.`);
  }
  // Keys fetched over plain HTTP could be swapped in transit; loopback is allowed for local tests.
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new Error(`${where}: jwks url ${url} must use https.`);
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
      throw unavailable();
    }
  };
}
