/**
 * `npm run register [-- --out DIR] [--today YYYY-MM-DD] [--dir DIR]`: writes
 * the committee's public register, a static site (HTML in Dutch, French and
 * English, and JSON), from the policy set as the services load it. Default
 * output: dist/register/. Exits 1 when the set does not load (each problem as
 * `file:line: message`): the register never publishes a set the services
 * would refuse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { todayInBelgium } from '../../dates.js';
import { apiSchemaFromSupergraph } from '../apiSchemaFromSupergraph.js';
import { loadPolicySet } from '../loadPolicySet.js';
import { PolicyLoadError } from '../PolicyLoadError.js';
import { policyDir, supergraphFile } from '../policyPaths.js';
import { writeRegister } from '../register/writeRegister.js';
import { ensureSupergraph } from './ensureSupergraph.js';

const defaultOut = fileURLToPath(new URL('../../../../dist/register/', import.meta.url));
const usage = 'usage: npm run register [-- --out DIR] [--today YYYY-MM-DD] [--dir authz-policies]';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, today: { type: 'string' }, dir: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    process.stderr.write(`--today must be a day, YYYY-MM-DD\n${usage}\n`);
    return 2;
  }
  const dir = values.dir ? path.resolve(values.dir) : policyDir;
  const out = values.out ? path.resolve(values.out) : defaultOut;
  ensureSupergraph();
  const supergraphSdl = fs.readFileSync(supergraphFile, 'utf8');
  const schema = apiSchemaFromSupergraph(supergraphSdl);
  try {
    const set = loadPolicySet({ dir, supergraph: schema });
    const register = writeRegister({ dir, set, schema, supergraphSdl, out, today: values.today ?? todayInBelgium() });
    process.stdout.write(
      `${register.authorizations.length} authorizations written to ${path.relative(process.cwd(), out) || '.'}/ ` +
        `(status as of ${register.generatedOn}); open ${path.join(path.relative(process.cwd(), out), 'index.html')}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PolicyLoadError)) throw error;
    for (const p of error.problems)
      process.stdout.write(`${path.relative(process.cwd(), path.join(dir, p.file))}:${p.line}: ${p.message}\n`);
    process.stdout.write(`\n${error.problems.length} problem(s); no register was written.\n`);
    return 1;
  }
}

process.exitCode = main();
