import { spawnSync } from 'node:child_process';

/**
 * Installs one package from Debian's archive with apt-get, as root: how `npm start` and `npm test` get what they
 * run (PostgreSQL, Chromium, HAProxy) on a clean machine without downloading a binary from anywhere else. Not
 * root: the error says which command to run. `output: 'ignore'` keeps apt-get's progress off a busy console.
 */
export function installDebianPackage(pkg: string, options: { missing: string; output?: 'inherit' | 'ignore' }): void {
  if (process.getuid?.() !== 0) throw new Error(`${options.missing}; run \`sudo apt-get install ${pkg}\`.`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const result = spawnSync('apt-get', args, {
      stdio: ['ignore', options.output ?? 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}).`);
  }
}
