/**
 * `npm run bench`: composes the supergraph, starts a fresh database per
 * population size, runs every system under test through every scenario, and
 * writes bench/results/<timestamp>.{json,md} (and BENCHMARKS.md after a full run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseOptions } from './options.js';
import { resultsDir } from './paths.js';
import { runBench } from './runBench.js';
import { smokeProblems } from './report/smoke.js';
import type { BenchResults } from './report/types.js';
import { writeResults } from './report/writeResults.js';
import { phases } from './timing.js';

const log = (message: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const argv = process.argv.slice(2);
if (argv[0] === '--render') {
  // Re-renders a past run (after a change to the template or the tables): npm run bench -- --render bench/results/<id>.json
  const file = argv[1] ?? '';
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  const written = await writeResults(results, path.basename(file, '.json'), !results.options.quick || argv.includes('--benchmarks'));
  log(`written ${written.md}${written.benchmarks ? ` and ${written.benchmarks}` : ''}`);
  process.exit(0);
}
const options = parseOptions(argv);
const id = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19) + (options.quick ? '-quick' : '');
// Logs, SSIN lists, Hive's config and profiles of this run (git-ignored: *.tmp).
const workDir = `${resultsDir}${id}.tmp`;
fs.mkdirSync(workDir, { recursive: true });
log(
  `sizes ${options.sizes.join(', ')}; comparing at ${options.mainSize}; ${options.rounds} round(s) × ${options.durationS} s; work files in ${workDir}`,
);

const stop = () => {
  log('interrupted');
  process.exit(130);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

try {
  const results = await runBench(options, workDir, log);
  const written = await phases.time('results: write', () => writeResults(results, id, options.writeBenchmarks));
  process.stdout.write(`\n${fs.readFileSync(written.md, 'utf8')}\n`);
  log(`where the time went:\n${phases.summary().join('\n')}`);
  log(
    `written ${written.json}, ${written.md}${written.benchmarks ? ` and ${written.benchmarks}` : ''} in ${Math.round(results.elapsedS)} s`,
  );
  const problems = options.quick ? smokeProblems(results) : [];
  if (problems.length) {
    log(`smoke run FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
