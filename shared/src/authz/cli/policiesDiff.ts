/**
 * `npm run policies:diff -- <git ref> [--dir DIR]`: the impact report of the
 * policy changes since that ref (committed or not), as Markdown on stdout,
 * fit for a review. Exits 0 with the report, 2 when the ref or either set
 * cannot be read (the reason on stderr).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readApiSchema } from '../apiSchemaFromSupergraph.js';
import { BaseSetLoadError, compareWithRef } from '../diff/compareWithRef.js';
import { GitRefError } from '../diff/policyDirAtRef.js';
import { renderDiffMarkdown } from '../diff/renderDiffMarkdown.js';
import { PolicyLoadError } from '../PolicyLoadError.js';
import { policyDir } from '../policyPaths.js';
import { ensureSupergraph } from './ensureSupergraph.js';

const usage = 'usage: npm run policies:diff -- <git ref> [--dir authz-policies]';

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`give exactly one git ref to compare the working tree with (main, HEAD~1, a tag, a commit id)\n${usage}\n`);
    return 2;
  }
  const dir = parsed.values.dir ? path.resolve(parsed.values.dir) : policyDir;
  ensureSupergraph();
  try {
    const report = compareWithRef({ dir, ref: parsed.positionals[0]!, schema: readApiSchema() });
    process.stdout.write(`${renderDiffMarkdown(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof GitRefError || error instanceof BaseSetLoadError) {
      process.stderr.write(`policies:diff: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PolicyLoadError) {
      process.stderr.write(`policies:diff: the current policy set does not load (npm run policies:check says where):\n${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main();
