import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout the processes run from (they run from source, with tsx), without a trailing separator. */
export const repoRoot = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** True when `file` (resolved, symbolic links followed where they exist) is inside the checkout. */
export function isInsideRepository(file: string, root: string = repoRoot): boolean {
  const real = realpathOrResolved(file);
  const realRoot = realpathOrResolved(root);
  const relative = path.relative(realRoot, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realpathOrResolved(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
