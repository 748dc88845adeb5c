import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const fixtures = path.dirname(new URL(import.meta.url).pathname);

/**
 * A temporary policy directory: the common partners and purposes, then the files
 * of the named fixtures (later ones replace earlier ones), then `extra` files
 * written as given (for contents prettier would refuse to keep in the repo, such
 * as a YAML syntax error). Removed when the test ends.
 */
export function policyDirWith(fixtureNames: string[], extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authz-fixture-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const name of ['common', ...fixtureNames]) {
    for (const file of fs.readdirSync(path.join(fixtures, name))) fs.copyFileSync(path.join(fixtures, name, file), path.join(dir, file));
  }
  for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}
