// `npm run docs:config`: regenerates the README's configuration table from the settings registry.
// `npm run docs:config -- --check`: exits 1, changing nothing, when the table is stale.
import fs from 'node:fs';
import { currentReadme, README_FILE } from '../configurationTable.js';

const { onDisk, generated } = await currentReadme();
if (process.argv.includes('--check')) {
  if (onDisk !== generated) {
    process.stderr.write("README.md's configuration table is stale: run npm run docs:config.\n");
    process.exit(1);
  }
  process.stdout.write("README.md's configuration table is current.\n");
} else if (onDisk !== generated) {
  fs.writeFileSync(README_FILE, generated);
  process.stdout.write('README.md: configuration table regenerated.\n');
} else {
  process.stdout.write('README.md: configuration table already current.\n');
}
