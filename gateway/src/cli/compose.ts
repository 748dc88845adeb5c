// Composes the supergraph at build time; a composition error fails the build.
import fs from 'node:fs';
import { composeSupergraph } from '../composeSupergraph.js';
import { supergraphPath } from '../supergraphFile.js';

try {
  const sdl = composeSupergraph();
  const current = fs.existsSync(supergraphPath) ? fs.readFileSync(supergraphPath, 'utf8') : '';
  if (current !== sdl) fs.writeFileSync(supergraphPath, sdl);
  process.stdout.write(`supergraph composed: ${supergraphPath.pathname}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
