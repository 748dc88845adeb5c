import fs from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isInsideRepository } from '../config/repoRoot.js';
import { refuseDevelopmentKeys } from './developmentKeys.js';
import { DEFAULT_REMOTE_KEY_SET_BOUNDS, MAX_JWKS_BYTES, MAX_JWKS_KEYS, type KeyTrust } from './keyTrust.js';

/** Where a token issuer publishes its public keys: a JWKS file (`keys/<name>.jwks.json`) or an https URL. */
export type KeySetSource = { file: string } | { url: string };

export interface LoadKeySetOptions {
  /** Directory a `file` is relative to when no JWKS_DIR is given (authz-policies/); the file must stay inside it. */
  policyDir: string;
  /** Names the issuer in start-up messages, e.g. `partner capac (partners.yaml:3)`. */
  where: string;
  /** The refusal when a JWKS URL cannot be fetched (the endpoint's fault, not the token's). */
  unavailable: () => Error;
  /** Where key files are read and which keys are refused; absent: as in development. */
  trust?: KeyTrust;
}

/**
 * One issuer's key resolver, built once. A JWKS file is read and checked here,
 * so that a missing or broken file, or a development key outside development,
 * stops the start (or refuses a reload) with a message naming the issuer,
 * instead of refusing its every token. A URL is fetched on first use and cached
 * by jose, which re-fetches, no more than once per cooldown, when a token names
 * an unknown `kid`: that is how an issuer rotates its keys without us.
 */
export function loadKeySet(source: KeySetSource, options: LoadKeySetOptions): JWTVerifyGetKey {
  return 'file' in source ? localKeySet(source.file, options) : remoteKeySet(source.url, options);
}

function localKeySet(file: string, options: LoadKeySetOptions): JWTVerifyGetKey {
  const { where, trust } = options;
  const full = keyFilePath(file, options);
  let jwks: JSONWebKeySet;
  try {
    jwks = JSON.parse(fs.readFileSync(full, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    throw new Error(`${where}: jwks file ${describeFile(file, trust)} cannot be read as JSON: ${(error as Error).message}`);
  }
  checkKeys(jwks, `${where}: jwks file ${describeFile(file, trust)}`, trust);
  try {
    return createLocalJWKSet(jwks);
  } catch (error) {
    throw new Error(`${where}: jwks file ${describeFile(file, trust)} is not a valid JWK set: ${(error as Error).message}`);
  }
}

/**
 * `keys/capac.jwks.json` is read from JWKS_DIR when one is given, else from the
 * policy directory, which outside development is refused: that directory is
 * the repository's, and anyone who has read it holds the matching private keys.
 */
function keyFilePath(file: string, { policyDir, where, trust }: LoadKeySetOptions): string {
  const [root, name] = trust?.jwksDir ? [path.resolve(trust.jwksDir), file.replace(/^keys\//, '')] : [path.resolve(policyDir), file];
  const full = path.resolve(root, name);
  // The policy set is reviewed, but a path leaving the directory would make a reviewer's "keys/" reading wrong.
  if (!full.startsWith(root + path.sep))
    throw new Error(`${where}: jwks file ${file} is outside ${trust?.jwksDir ? 'JWKS_DIR' : 'the policy directory'}.`);
  if (trust?.refuse) {
    if (!trust.jwksDir) {
      throw new Error(
        `${where}: its keys would be read from ${file} in the policy directory. Outside development an issuer's keys ` +
          `never come from the repository: set JWKS_DIR to the directory holding this deployment's ${path.basename(file)}, ` +
          "or register the issuer's JWKS url (jwks: { url: https://… }). See docs/operations.md.",
      );
    }
    if (isInsideRepository(full, trust.refuse.repositoryRoot)) {
      throw new Error(
        `${where}: jwks file ${describeFile(file, trust)} is inside the repository. Outside development keys never come from ` +
          'the repository: put the key files in a directory of the deployment (JWKS_DIR).',
      );
    }
  }
  return full;
}

function describeFile(file: string, trust: KeyTrust | undefined): string {
  return trust?.jwksDir ? `${file.replace(/^keys\//, '')} (in JWKS_DIR)` : file;
}

/** A JWKS the issuer publishes: some public keys, none private, none of the development keys outside development. */
function checkKeys(jwks: unknown, what: string, trust: KeyTrust | undefined): asserts jwks is JSONWebKeySet {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${what} has no "keys".`);
  if (keys.length > MAX_JWKS_KEYS) throw new Error(`${what} has ${keys.length} keys; at most ${MAX_JWKS_KEYS} are accepted.`);
  // A private key in a published key set is a leak: refuse it so someone notices.
  if (keys.some((key) => typeof key === 'object' && key !== null && 'd' in key)) {
    throw new Error(`${what} contains a private key; publish only the public part.`);
  }
  if (trust?.refuse) refuseDevelopmentKeys(keys, what, trust.refuse.developmentKeys);
}

function remoteKeySet(url: string, { where, unavailable, trust }: LoadKeySetOptions): JWTVerifyGetKey {
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
  const bounds = { ...DEFAULT_REMOTE_KEY_SET_BOUNDS, ...trust?.remote };
  let retryAfter = 0;

  /**
   * jose's fetch, bounded: no second fetch within the cooldown of a failed one
   * (jose only spaces out fetches after a success), a body of at most
   * MAX_JWKS_BYTES, and the same checks as a key file before jose sees the keys.
   */
  async function fetchKeys(resource: string, init: RequestInit): Promise<Response> {
    if (Date.now() < retryAfter) throw new Error('the last fetch failed; waiting for the cooldown');
    try {
      const response = await fetch(resource, init);
      if (response.status !== 200) throw new Error(`the JWKS url answered HTTP ${response.status}`);
      let text: string;
      try {
        text = await readBounded(response, MAX_JWKS_BYTES);
        checkKeys(parseJson(text), `${where}: the JWKS fetched from its url`, trust);
      } catch (error) {
        // The endpoint answered, with keys we will not trust: every token of this issuer fails until it is fixed.
        if (!init.signal?.aborted) trust?.onRemoteRefused?.(refusal(error, where));
        throw error;
      }
      return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
    } catch (error) {
      retryAfter = Date.now() + bounds.cooldownMs;
      throw error;
    }
  }

  const remote = createRemoteJWKSet(parsed, {
    timeoutDuration: bounds.timeoutMs,
    cooldownDuration: bounds.cooldownMs,
    cacheMaxAge: bounds.cacheMaxAgeMs,
    [customFetch]: fetchKeys,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // No key for this token is the token's fault; anything else (timeout, HTTP error, bad JSON, refused keys) is the endpoint's.
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

/** JSON.parse's own message quotes the text, which here comes from another party's server: not for our logs. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('the JWKS is not valid JSON');
  }
}

function refusal(error: unknown, where: string): string {
  const message = (error as Error).message;
  return message.startsWith(where) ? message : `${where}: the JWKS fetched from its url is refused: ${message}`;
}

/** The body as text, or an error as soon as it passes `limit` bytes (a JWKS is a few KiB). */
async function readBounded(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) throw new Error(`the JWKS is larger than ${limit} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`the JWKS is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
