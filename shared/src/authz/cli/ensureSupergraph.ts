import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { supergraphFile } from '../policyPaths.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Composes gateway/supergraph.graphql when it is missing (a clean clone after
 * `npm ci`), so that the committee's commands work with one command. Its
 * output goes to stderr: stdout stays the command's own (the Markdown of
 * policies:diff). `shared` cannot import the gateway, so the composition runs
 * as the build does, through turbo.
 */
export function ensureSupergraph(): void {
  if (fs.existsSync(supergraphFile)) return;
  process.stderr.write('[crossroads] composing gateway/supergraph.graphql (npm run compose), once…\n');
  const result = spawnSync('npm', ['run', '-s', 'compose'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(supergraphFile))
    throw new Error('composing the supergraph failed: run `npm run build` and read its errors');
}
