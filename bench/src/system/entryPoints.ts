import fs from 'node:fs';
import { repoRoot } from '../paths.js';

/**
 * The entry points the bench runs, from the production build (`npm run build`, which the bench runs first unless
 * --no-build): the services as production starts them, and the load generator (decision 0030).
 */
export const entryPoints = {
  persons: `${repoRoot}subgraphs/persons/dist/main.js`,
  employment: `${repoRoot}subgraphs/employment/dist/main.js`,
  unemployment: `${repoRoot}subgraphs/unemployment/dist/main.js`,
  authorizations: `${repoRoot}subgraphs/authorizations/dist/main.js`,
  directory: `${repoRoot}subgraphs/directory/dist/main.js`,
  gateway: `${repoRoot}gateway/dist/main.js`,
  loadgen: `${repoRoot}bench/dist/loadgen/worker.js`,
} as const;
export type EntryName = keyof typeof entryPoints;

/** How a Node process of the bench starts: `node --conditions=crossroads-compiled <entry>.js`, as in production. */
export function nodeArgs(name: EntryName): string[] {
  const entry = entryPoints[name];
  if (!fs.existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` (or the bench without --no-build).`);
  return ['--conditions=crossroads-compiled', entry];
}
