// Creates the missing development key pairs (dev-keys/ and authz-policies/keys/).
// Run: node --import tsx shared/src/auth/generateDevKeys.ts
import { DEV_KEY_IDS, DEV_KEYS_DIR } from './devKeys.js';
import { ensureDevKeys } from './ensureDevKeys.js';
import { policyDir } from '../authz/policyPaths.js';

try {
  const report = await ensureDevKeys({ partnerIds: DEV_KEY_IDS, devKeysDir: DEV_KEYS_DIR, policyDir });
  const line = (label: string, ids: string[]) => (ids.length ? `${label}: ${ids.join(', ')}\n` : '');
  process.stdout.write(
    line('created', report.created) + line('public key re-published', report.republished) + line('already present', report.kept),
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
