import fs from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { policyDir } from '../authz/policyPaths.js';
import { repoRoot } from '../config/repoRoot.js';

/** Private development keys: published on purpose, trusted nowhere but on a developer's machine. */
export const DEV_KEYS_DIR = path.join(repoRoot, 'dev-keys');
/** The partner register the token CLI reads issuers from. */
export const PARTNERS_FILE = path.join(policyDir, 'partners.yaml');

/**
 * The development partners, chosen so that each access-control case has a
 * caller: one with a current authorization per kind of institution, one whose
 * authorization has expired, one with none, and the security officer.
 */
export const DEV_PARTNER_IDS = [
  'capac', // HVW/CAPAC, the public unemployment payment institution
  'famiwal', // a family-allowance fund
  'sfpd', // the Federal Pension Service (SFPD/FPD)
  'forem', // a regional public employment service, authorization expired
  'inspection', // social inspection, no authorization at all
  'security-officer', // the CBSS information security officer
] as const;

/**
 * The development stand-in for the citizens' identity provider (FAS in
 * production): its key signs development citizen tokens
 * (`npm run token -- --citizen SSIN`); its public half is the JWKS that
 * authz-policies/identity-providers/citizens.yaml names. Not a partner:
 * partners.schema.json reserves the id so that no partner's key file can be it.
 */
export const DEV_CITIZEN_IDP_KEY = 'citizen-idp';

/** Every development key pair: the partners', then the citizens' identity provider's. */
export const DEV_KEY_IDS = [...DEV_PARTNER_IDS, DEV_CITIZEN_IDP_KEY] as const;

export function devPrivateKeyFile(partnerId: string, devKeysDir: string = DEV_KEYS_DIR): string {
  return path.join(devKeysDir, `${partnerId}.private.jwk.json`);
}

/** Relative to the policy directory, as partners.yaml names it (`jwks: { file: keys/<id>.jwks.json }`). */
export function partnerJwksFile(partnerId: string): string {
  return `keys/${partnerId}.jwks.json`;
}

/** A partner's (or the citizens' identity provider's) private development key; throws a message saying how to create it. */
export function readDevPrivateKey(partnerId: string, devKeysDir: string = DEV_KEYS_DIR): JWK {
  const file = devPrivateKeyFile(partnerId, devKeysDir);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No development key for ${partnerId === DEV_CITIZEN_IDP_KEY ? "the citizens' identity provider" : `partner ${partnerId}`} (${file}). Create the missing keys: node --import tsx shared/src/auth/generateDevKeys.ts`,
    );
  }
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  if (typeof jwk.d !== 'string') throw new Error(`${file} is not a private JWK (no "d").`);
  return jwk;
}
