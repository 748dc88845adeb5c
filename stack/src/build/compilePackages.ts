import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../services.js';

/**
 * The workspace packages that production runs, compiled `src/` → `dist/`. The test package is not among them:
 * tests run the sources (decision 0003) and the compiled services as processes.
 */
export const compiledPackages = [
  'shared',
  'db',
  'subgraphs/persons',
  'subgraphs/employment',
  'subgraphs/unemployment',
  'subgraphs/authorizations',
  'subgraphs/audit',
  'subgraphs/directory',
  'gateway',
  'stack',
  'bench',
  'kpi',
] as const;

/** Files of `src/` that never ship: tests, their fixtures, and the TypeScript sources themselves (compiled instead). */
function shipped(relative: string): 'compile' | 'copy' | 'skip' {
  const parts = relative.split(path.sep);
  if (parts.includes('__fixtures__') || parts.includes('__tests__')) return 'skip';
  if (/\.(test|e2e)\.ts$/.test(relative) || relative.endsWith('.d.ts')) return 'skip';
  if (relative.endsWith('.ts')) return 'compile';
  return 'copy';
}

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

export interface CompiledPackage {
  name: string;
  modules: number;
  assets: number;
}

/**
 * Compiles one package file by file (no bundling: `dist/` mirrors `src/`, so every path a module computes from
 * `import.meta.url` — schemas, the supergraph, the policy directory, the FerretDB patches — stays right) and copies
 * every other file of `src/` beside it: the `*.graphql` schemas, the JSON code lists, the explorer's page. esbuild
 * only strips types: `npm run check:types` stays the type check.
 */
export async function compilePackage(pkg: string): Promise<CompiledPackage> {
  const root = path.join(repoRoot, pkg);
  const src = path.join(root, 'src');
  const dist = path.join(root, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  const files = walk(src);
  const modules = files.filter((f) => shipped(f) === 'compile');
  const assets = files.filter((f) => shipped(f) === 'copy');
  await build({
    absWorkingDir: root,
    entryPoints: modules.map((f) => path.join(src, f)),
    outbase: src,
    outdir: dist,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Node 20.10+ reads `with { type: 'json' }` (the code lists); esbuild's node20 table would drop it.
    supported: { 'import-attributes': true },
    sourcemap: 'linked',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  for (const asset of assets) {
    fs.mkdirSync(path.dirname(path.join(dist, asset)), { recursive: true });
    fs.copyFileSync(path.join(src, asset), path.join(dist, asset));
  }
  return { name: pkg, modules: modules.length, assets: assets.length };
}
