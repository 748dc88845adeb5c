import fs from 'node:fs';
import { benchmarksFile, resultsDir } from '../paths.js';
import { resultsMarkdown } from './markdown.js';
import type { BenchResults } from './types.js';

const template = new URL('./BENCHMARKS.template.md', import.meta.url);

/** bench/results/<id>.json and .md; and BENCHMARKS.md from the template when asked (full runs). */
export async function writeResults(
  results: BenchResults,
  id: string,
  writeBenchmarks: boolean,
): Promise<{ json: string; md: string; benchmarks?: string }> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const json = `${resultsDir}${id}.json`;
  const md = `${resultsDir}${id}.md`;
  const tables = resultsMarkdown(results);
  fs.writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(md, `# Benchmark run ${id}\n\n${machineLine(results)}\n\n${tables}`);
  if (!writeBenchmarks) return { json, md };
  const text = fs
    .readFileSync(template, 'utf8')
    .replace('{{machine}}', machineLine(results))
    .replace('{{command}}', commandLine(results))
    .replace('{{results}}', tables.replace(/^### /gm, '### ').trim())
    .replace('{{resultsFile}}', `bench/results/${id}.json`);
  fs.writeFileSync(benchmarksFile, await formatted(text));
  return { json, md, benchmarks: benchmarksFile };
}

function machineLine(r: BenchResults): string {
  const m = r.machine;
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.kernel}, Node ${m.node}; ${m.database}. Database, subgraphs, gateway and load generator all on these cores.`;
}

function commandLine(r: BenchResults): string {
  const o = r.options;
  return `npm run bench -- --sizes ${o.sizes.join(',')} --main-size ${o.mainSize} --rounds ${o.rounds} --duration ${o.durationS} --warmup ${o.warmupS} --connections ${o.connections} --bulk-repeats ${o.bulkRepeats}`;
}

/** BENCHMARKS.md as `npm run check:format` wants it (Prettier aligns the tables); unformatted if Prettier is not installed. */
async function formatted(markdown: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(benchmarksFile)) ?? {};
    return await prettier.format(markdown, { ...options, filepath: benchmarksFile });
  } catch {
    return markdown;
  }
}
