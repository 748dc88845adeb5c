import { fileURLToPath } from 'node:url';

/** The repository's root directory, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const benchRoot = `${repoRoot}bench/`;
export const resultsDir = `${benchRoot}results/`;
export const benchmarksFile = `${repoRoot}BENCHMARKS.md`;
