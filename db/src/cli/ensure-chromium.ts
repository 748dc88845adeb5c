// Installs Debian's Chromium for the register's browser tests (test/browser/) when it is missing.
// Run by `npm test`. No browser is ever downloaded from elsewhere (`npx playwright install` cannot
// work on a closed network, and would bring an unreviewed binary): the tests drive the distribution's
// package, /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const executable = '/usr/bin/chromium';

function log(message: string): void {
  process.stderr.write(`[crossroads] ${message}\n`);
}

if (!fs.existsSync(executable)) {
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium is not installed; run `sudo apt-get install chromium` (the register’s browser tests drive it).');
  }
  log('installing Chromium from Debian for the browser tests (apt-get install chromium)…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}).`);
  }
  if (!fs.existsSync(executable)) throw new Error(`Chromium was installed but ${executable} does not exist.`);
}
