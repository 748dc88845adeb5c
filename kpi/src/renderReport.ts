import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Kpis } from './computeKpis.js';

const require = createRequire(import.meta.url);

/** Chart.js's browser build, read from the installed package and inlined: the report opens from a file, offline. */
function chartJs(): string {
  // A closing tag inside the library would end the script element early.
  // The UMD build is not in the package's exports: found beside its CommonJS entry, in dist/.
  const file = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  return fs.readFileSync(file, 'utf8').replaceAll('</script', '<\\/script');
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const percent = (share: number | null, digits = 2) => (share === null ? '—' : `${(share * 100).toFixed(digits)} %`);
const number = (n: number) => n.toLocaleString('en');

function table(headers: string[], rows: (string | number)[][]): string {
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(typeof c === 'number' ? number(c) : c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${headers.length}">none</td></tr>`}</tbody></table>`;
}

/**
 * The KPI report as one self-contained HTML page: the figures in tables (readable without scripts), and charts
 * drawn by Chart.js from the same JSON, embedded in the page. No CDN, no request leaves the file.
 */
export function renderReport(kpis: Kpis): string {
  const a = kpis.answeredWithinOneSecond;
  const data = JSON.stringify(kpis).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>Crossroads — KPIs ${escape(kpis.from)} to ${escape(kpis.to)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0; } td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.figures { display: flex; gap: 2em; flex-wrap: wrap; } .figure { font-size: 2em; font-weight: 600; } .label { color: #555; }
canvas { max-height: 320px; }
</style>
</head>
<body>
<h1>Crossroads — key figures, ${escape(kpis.from)} to ${escape(kpis.to)}</h1>
<p>From the audit trail (every request of an identified caller, every release of personal data)${kpis.metrics ? ` and the gateways' metrics, scraped ${escape(kpis.metrics.scrapedAt)}` : ''}. Days are Belgian calendar days.</p>
<div class="figures">
<div><div class="figure">${number(kpis.requests)}</div><div class="label">requests</div></div>
<div><div class="figure">${percent(a.share)}</div><div class="label">of ${number(a.answered)} answered within one second</div></div>
<div><div class="figure">${number(Object.values(kpis.releasesBySource).reduce((t, r) => t + r.releases, 0))}</div><div class="label">releases of personal data</div></div>
</div>

<h2>Requests per day</h2>
<canvas id="perDay"></canvas>
${table(
  ['day', 'requests', 'answered', 'refused', 'failed'],
  kpis.perDay.map((d) => [d.day, d.requests, d.answered, d.refused, d.failed]),
)}

<h2>Requests per partner</h2>
<canvas id="perPartner"></canvas>
${table(
  ['partner', 'requests', 'answered', 'refused', 'failed'],
  kpis.perPartner.map((p) => [p.partner, p.requests, p.answered, p.refused, p.failed]),
)}

<h2>Availability per source</h2>
<canvas id="availability"></canvas>
${table(
  ['source', 'calls delivered', 'calls given up', 'availability'],
  Object.entries(kpis.availabilityBySource).map(([s, v]) => [s, v.delivered, v.failed, percent(v.availability, 3)]),
)}
${
  kpis.metrics
    ? `<p>From the gateways' metrics (every call, those that released nothing too):</p>${table(
        ['source', 'ok', 'unavailable', 'timeout', 'availability'],
        Object.entries(kpis.metrics.sourceCalls).map(([s, v]) => [s, v.ok, v.unavailable, v.timeout, percent(v.availability, 3)]),
      )}`
    : ''
}

<h2>Refusals by code</h2>
<canvas id="refusals"></canvas>
${table(
  ['code', 'requests refused'],
  Object.entries(kpis.refusalsByCode).sort(([, x], [, y]) => y - x),
)}
${kpis.metrics ? `<p>Refused before the caller was identified (metrics):</p>${table(['code', 'requests'], Object.entries(kpis.metrics.anonymousRefusals))}` : ''}
<h2>Failures by code</h2>
${table(['code', 'requests failed'], Object.entries(kpis.failuresByCode))}

<h2>Releases per source</h2>
<canvas id="releases"></canvas>
${table(
  ['source', 'releases', 'persons concerned'],
  Object.entries(kpis.releasesBySource).map(([s, r]) => [s, r.releases, r.persons]),
)}

<script>${chartJs()}</script>
<script>
const kpis = ${data};
const bar = (id, labels, datasets, extra = {}) => new Chart(document.getElementById(id), { type: 'bar', data: { labels, datasets }, options: { animation: false, responsive: true, ...extra } });
bar('perDay', kpis.perDay.map((d) => d.day), [
  { label: 'answered', data: kpis.perDay.map((d) => d.answered), stack: 's' },
  { label: 'refused', data: kpis.perDay.map((d) => d.refused), stack: 's' },
  { label: 'failed', data: kpis.perDay.map((d) => d.failed), stack: 's' },
], { scales: { x: { stacked: true }, y: { stacked: true } } });
bar('perPartner', kpis.perPartner.map((p) => p.partner), [
  { label: 'answered', data: kpis.perPartner.map((p) => p.answered), stack: 's' },
  { label: 'refused', data: kpis.perPartner.map((p) => p.refused), stack: 's' },
  { label: 'failed', data: kpis.perPartner.map((p) => p.failed), stack: 's' },
], { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } });
const sources = Object.entries(kpis.availabilityBySource);
bar('availability', sources.map(([s]) => s), [{ label: 'availability (%)', data: sources.map(([, v]) => v.availability === null ? null : v.availability * 100) }], { scales: { y: { min: 0, max: 100 } } });
const refusals = Object.entries(kpis.refusalsByCode).sort(([, x], [, y]) => y - x);
bar('refusals', refusals.map(([c]) => c), [{ label: 'requests refused', data: refusals.map(([, n]) => n) }]);
const releases = Object.entries(kpis.releasesBySource);
bar('releases', releases.map(([s]) => s), [
  { label: 'releases', data: releases.map(([, r]) => r.releases) },
  { label: 'persons concerned', data: releases.map(([, r]) => r.persons) },
]);
</script>
</body>
</html>
`;
}
