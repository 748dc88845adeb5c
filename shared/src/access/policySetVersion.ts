import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A version of a policy set: the SHA-256 of every file under the given
 * directories (dot files aside), path and content, in path order. Two
 * processes reporting the same version read the same files; any change to an
 * authorization, the partners, the purposes or a key file changes it.
 */
export function policySetVersion(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const [index, dir] of dirs.entries()) {
    for (const file of filesUnder(dir)) {
      hash.update(`${index}\0${path.relative(dir, file).split(path.sep).join('/')}\0`);
      hash.update(fs.readFileSync(file));
      hash.update('\0');
    }
  }
  return `sha256:${hash.digest('hex')}`;
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(dir);
  return files;
}
