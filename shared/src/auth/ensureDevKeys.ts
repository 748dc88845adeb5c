import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { devPrivateKeyFile, partnerJwksFile } from './devKeys.js';

export interface DevKeysReport {
  /** New pairs (private key and JWKS written). */
  created: string[];
  /** Private key present; JWKS written from it because it was missing. */
  republished: string[];
  /** Both present and matching: untouched. */
  kept: string[];
}

/**
 * Creates the development key pairs that are missing, and only those: keys
 * already handed out (in scripts, in colleagues' shells) keep working. A JWKS
 * that does not match its private key is an error, not something to overwrite
 * silently, since the JWKS is part of the published policy set.
 */
export async function ensureDevKeys(options: {
  /** Whose pairs: partner ids, and `citizen-idp` for the citizens' identity provider. */
  partnerIds: readonly string[];
  devKeysDir: string;
  policyDir: string;
}): Promise<DevKeysReport> {
  const report: DevKeysReport = { created: [], republished: [], kept: [] };
  fs.mkdirSync(options.devKeysDir, { recursive: true });
  fs.mkdirSync(path.join(options.policyDir, 'keys'), { recursive: true });
  for (const id of options.partnerIds) {
    const privateFile = devPrivateKeyFile(id, options.devKeysDir);
    const jwksFile = path.join(options.policyDir, partnerJwksFile(id));
    if (!fs.existsSync(privateFile)) {
      // A JWKS without its private key is useless for development: replace it with the new pair's.
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
      const publicJwk = await describedKey(await exportJWK(publicKey));
      writeJson(privateFile, { ...(await exportJWK(privateKey)), kid: publicJwk.kid, alg: 'EdDSA', use: 'sig' });
      writeJson(jwksFile, { keys: [publicJwk] });
      report.created.push(id);
      continue;
    }
    const privateJwk = JSON.parse(fs.readFileSync(privateFile, 'utf8')) as JWK;
    const publicJwk = await describedKey({ kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x });
    if (!fs.existsSync(jwksFile)) {
      writeJson(jwksFile, { keys: [publicJwk] });
      report.republished.push(id);
      continue;
    }
    const published = JSON.parse(fs.readFileSync(jwksFile, 'utf8')) as { keys?: JWK[] };
    if (!published.keys?.some((key) => key.x === publicJwk.x)) {
      throw new Error(`${jwksFile} does not contain the public key of ${privateFile}; delete one of them to make a new pair.`);
    }
    report.kept.push(id);
  }
  return report;
}

/** The public JWK as published: `kid` is its RFC 7638 thumbprint, stable for the key and unique. */
async function describedKey(publicJwk: JWK): Promise<JWK> {
  const { kty, crv, x } = publicJwk;
  return { kty, crv, x, kid: await calculateJwkThumbprint({ kty, crv, x }), alg: 'EdDSA', use: 'sig' };
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
