// Installs Debian's Chromium for the register's browser tests (test/browser/) when it is missing.
// Run by `npm test`. No browser is ever downloaded from elsewhere (`npx playwright install` cannot
// work on a closed network, and would bring an unreviewed binary): the tests drive the distribution's
// package, /usr/bin/chromium.
import fs from 'node:fs';
import { installDebianPackage } from '../embedded/installDebianPackage.js';

const executable = '/usr/bin/chromium';

function log(message: string): void {
  process.stderr.write(`[crossroads] ${message}\n`);
}

if (!fs.existsSync(executable)) {
  log('installing Chromium from Debian for the browser tests (apt-get install chromium)…');
  installDebianPackage('chromium', { missing: 'Chromium is not installed (the register’s browser tests drive it)' });
  if (!fs.existsSync(executable)) throw new Error(`Chromium was installed but ${executable} does not exist.`);
}
