import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '../paths.js';

/** The entry points the bench runs: the services' own, and the load generator's. */
export const entryPoints = {
  persons: `${repoRoot}subgraphs/persons/src/main.ts`,
  employment: `${repoRoot}subgraphs/employment/src/main.ts`,
  unemployment: `${repoRoot}subgraphs/unemployment/src/main.ts`,
  authorizations: `${repoRoot}subgraphs/authorizations/src/main.ts`,
  directory: `${repoRoot}subgraphs/directory/src/main.ts`,
  gateway: `${repoRoot}gateway/src/main.ts`,
  loadgen: `${repoRoot}bench/src/loadgen/worker.ts`,
} as const;
export type EntryName = keyof typeof entryPoints;

/**
 * How a Node process of the bench is started: by default `node --import tsx
 * <entry>.ts`, the way `npm start` does; after `usePrecompiled`, from the
 * JavaScript compiled once at the start of a --quick run.
 */
let compiled: Partial<Record<EntryName, string>> = {};

export function nodeArgs(name: EntryName): string[] {
  const file = compiled[name];
  return file ? [file] : ['--import', 'tsx', entryPoints[name]];
}

const builtins = new Set(builtinModules);

/**
 * For a --quick run: compiles every entry point to JavaScript in `outDir`
 * (with esbuild, the compiler tsx itself runs on each file as it loads, pinned
 * to tsx's version), so
 * that each of the run's many process starts skips tsx's loader: half the CPU
 * of a service start on this machine, and a load generator ready in a fifth
 * of the time. The workspace's own packages are bundled, each file keeping its
 * own `import.meta.url` (schemas and policies are read relative to it); every
 * other package is imported from node_modules as Node resolves it.
 */
export async function usePrecompiled(outDir: string): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const plugin: Plugin = {
    name: 'crossroads-sources',
    setup(compiler) {
      compiler.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('@crossroads/') || args.pluginData === 'inner') return undefined;
        if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true };
        const resolved = await compiler.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'inner',
        });
        return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path, external: true };
      });
      compiler.onLoad({ filter: /\.ts$/ }, (args) => {
        const url = JSON.stringify(pathToFileURL(args.path).href);
        const source = fs
          .readFileSync(args.path, 'utf8')
          .replaceAll('import.meta.url', url)
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents: source, loader: 'ts', resolveDir: path.dirname(args.path) };
      });
    },
  };
  await build({
    absWorkingDir: repoRoot,
    entryPoints: entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    // Resolve packages as Node does (no "module" field or condition).
    mainFields: ['main'],
    conditions: [],
    logLevel: 'silent',
    plugins: [plugin],
  });
  compiled = Object.fromEntries(Object.keys(entryPoints).map((name) => [name, path.join(outDir, `${name}.mjs`)]));
}
