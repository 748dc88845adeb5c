// `npm run build` (after composing the supergraph): every workspace package that production runs, src/ → dist/.
import { performance } from 'node:perf_hooks';
import { compilePackage, compiledPackages } from './compilePackages.js';

const started = performance.now();
const only = process.argv.slice(2);
const results = await Promise.all(compiledPackages.filter((p) => only.length === 0 || only.includes(p)).map(compilePackage));
for (const r of results) process.stderr.write(`  ${r.name.padEnd(26)} ${r.modules} modules, ${r.assets} other files\n`);
process.stderr.write(`compiled ${results.length} packages to dist/ in ${Math.round(performance.now() - started)} ms\n`);
