import { subgraphCpu, summarise, type Stat, type SystemSummary } from './aggregate.js';
import { checkTargets } from './targets.js';
import type { BenchResults } from './types.js';

const n = (x: number, d = 1) =>
  Number.isFinite(x) ? x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : 'n/a';
/** Median, with the spread over rounds when there were several. */
const m = (s: Stat, d = 1) => (s.n > 1 ? `${n(s.median, d)} (${n(s.min, d)}–${n(s.max, d)})` : n(s.median, d));
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The results as Markdown: the tables of BENCHMARKS.md and of bench/results/<timestamp>.md. */
export function resultsMarkdown(results: BenchResults): string {
  const summaries = summarise(results.rounds);
  const get = (id: string) => summaries.find((s) => s.system === id);
  const floor = get('floor');
  const hive = get('hive');
  const store = get('store');
  const out: string[] = [];
  const o = results.options;
  out.push(
    `Run of ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.elapsedS / 60)} min: ${results.mainSize.toLocaleString('en')} persons for the comparison, ` +
      `${o.rounds} round(s) of every system, ${o.durationS} s per load (warm-up ${o.warmupS} s), ${o.connections} connections at saturation` +
      `${o.quick ? ' — **a --quick smoke run: not a measurement**' : ''}. Values are medians over the rounds (min–max in brackets).`,
  );

  out.push('\n### One person, three sources\n');
  out.push(
    table(
      [
        'system',
        'saturation req/s',
        'vs floor',
        'vs peer',
        'p50 / p99 at saturation (ms)',
        'p50 one connection (ms)',
        'over the store (ms)',
        `p50 / p99 at ${o.targetRate} req/s (ms)`,
        'errors',
      ],
      summaries.map((s) => [
        s.label,
        m(s.saturation, 0),
        floor ? ratio(s.saturation.median, floor.saturation.median) : '',
        hive ? ratio(s.saturation.median, hive.saturation.median) : '',
        `${n(s.saturationP50.median, 2)} / ${n(s.saturationP99.median, 2)}`,
        m(s.oneConnectionP50, 2),
        store ? added(s.oneConnectionP50.median, store.oneConnectionP50.median) : '',
        `${m(s.target.p50, 2)} / ${m(s.target.p99, 2)}`,
        n(s.saturationErrors.max + s.target.errors.max, 0),
      ]),
    ),
  );

  out.push('\n### Latency under an open model (from the intended send time)\n');
  out.push(
    table(
      ['system', ...(summaries[0]?.open ?? []).map((x) => `${x.fraction * 100} % of saturation: rate → p50 / p99 (ms)`)],
      summaries.map((s) => [
        s.label,
        ...s.open.map(
          (x) => `${n(x.rate.median, 0)} → ${n(x.p50.median, 2)} / ${n(x.p99.median, 2)}${x.errors.max ? ` (${x.errors.max} err)` : ''}`,
        ),
      ]),
    ),
  );

  out.push('\n### Cost per request at saturation (CPU ms per request, per process)\n');
  const procs = ['gateway', 'persons', 'employment', 'unemployment', 'ferretdb', 'postgres'];
  out.push(
    table(
      ['system', ...procs, 'subgraphs', 'total', 'vs floor', 'vs store', 'load generator (share of machine)'],
      summaries.map((s) => [
        s.label,
        ...procs.map((p) => (s.cpuPerRequest[p] ? n(s.cpuPerRequest[p].median, 3) : '–')),
        n(subgraphCpu(s), 3),
        m(s.cpuPerRequestTotal, 3),
        floor ? ratio(s.cpuPerRequestTotal.median, floor.cpuPerRequestTotal.median) : '',
        store ? ratio(s.cpuPerRequestTotal.median, store.cpuPerRequestTotal.median) : '',
        `${n(s.cpuPerRequest.loadgen?.median ?? NaN, 3)} (${n(s.loadgenShare.median * 100, 0)} %)`,
      ]),
    ),
  );

  out.push('\n### Bulk: `persons(ssins:)` (ms per call; ms per person)\n');
  const withBulk = summaries.filter((s) => s.bulk.length > 0);
  const sizes = withBulk[0]?.bulk.map((b) => b.size) ?? [];
  const many = results.rounds.find((r) => r.bulk)?.bulk?.tenThousand;
  const callSize = (many?.callSize ?? 1_000).toLocaleString('en');
  const largest = (sizes.at(-1) ?? 1_000).toLocaleString('en');
  out.push(
    table(
      [
        'system',
        ...sizes.map((x) => `${x.toLocaleString('en')} SSIN${x > 1 ? 's' : ''}`),
        `${((many?.calls ?? 10) * (many?.callSize ?? 1_000)).toLocaleString('en')} in calls of ${callSize} (total ms)`,
        `${largest}: vs floor`,
        `${largest}: vs store`,
        `CPU ms per person (${largest})`,
      ],
      withBulk.map((s) => [
        s.label,
        ...s.bulk.map((b) => `${m(b.msPerCall, 1)}; ${n(b.msPerPerson.median, 3)}${b.errors.max ? ` (${b.errors.max} err)` : ''}`),
        `${m(s.tenThousandMs, 0)}${s.tenThousandErrors.max ? ` (${s.tenThousandErrors.max} err)` : ''}`,
        floor ? ratio(s.bulk.at(-1)!.msPerCall.median, floor.bulk.at(-1)!.msPerCall.median) : '',
        store?.bulk.length ? ratio(s.bulk.at(-1)!.msPerCall.median, store.bulk.at(-1)!.msPerCall.median) : '',
        n(s.bulk.at(-1)!.cpuMsPerPerson.median, 3),
      ]),
    ),
  );

  const layers = layerRows(summaries);
  if (layers.length) {
    out.push('\n### Layer by layer: what each adds to the store (medians; one person at one connection, CPU per request at saturation)\n');
    out.push(
      table(
        ['step', 'from → to', 'p50 one connection (ms)', 'CPU ms per request', `bulk of ${largest} (ms per call)`],
        layers.map((r) => [r.step, r.between, r.p50, r.cpu, r.bulk]),
      ),
    );
  }

  if (results.directory?.length) {
    out.push('\n### Reference directory: registering the population (followMany through the gateway, everything on)\n');
    out.push(
      table(
        ['persons', 'entries', 'batches of', 'seconds', 'entries per second'],
        results.directory.map((d) => [
          d.persons.toLocaleString('en'),
          d.entries.toLocaleString('en'),
          d.batchSize.toLocaleString('en'),
          n(d.ms / 1000, 1),
          n(d.entriesPerSecond, 0),
        ]),
      ),
    );
  }

  if (results.overload) {
    const o = results.overload;
    out.push(
      `\n### Overload: ${o.rate} req/s, twice the saturation of everything on (${n(o.saturation, 0)} req/s), against a gateway that sheds load\n`,
    );
    out.push(
      table(
        ['', 'count', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
        [
          ['answered', String(o.answered), n(o.accepted.p50, 1), n(o.accepted.p99, 1), n(o.accepted.max, 1)],
          [
            `refused (${
              Object.entries(o.refusedByStatus)
                .map(([status, count]) => `${count} × ${status}`)
                .join(', ') || 'none'
            })`,
            String(o.refused),
            n(o.refusals.p50, 1),
            n(o.refusals.p99, 1),
            n(o.refusals.max, 1),
          ],
          ['other errors (timeouts, resets, not sent)', String(o.otherErrors), '', '', ''],
        ],
      ),
    );
    out.push(
      `\nThe gateway was ${o.gatewayAlive ? 'still answering' : '**not answering**'} afterwards. Audit trail: ${o.auditRefused} requests recorded as refused with OVERLOADED, ${o.auditAnswered} as answered; ${o.lostAuditRecords === 0 ? 'none lost' : `**${o.lostAuditRecords} lost**`}.\n`,
    );
  }

  if (results.dbCommands) {
    out.push('\n### Database commands per call (everything on, counted on the wire between the subgraphs and FerretDB)\n');
    const rows = [
      ['one person, three sources', results.dbCommands.single] as const,
      ...results.dbCommands.bulk.map((b) => [`persons, ${b.size.toLocaleString('en')} SSINs`, b.perCall] as const),
    ];
    const names = [...new Set(rows.flatMap(([, r]) => Object.keys(r)).filter((k) => k !== 'total'))];
    out.push(
      table(
        ['call', 'total', ...names],
        rows.map(([label, r]) => [label, n(r.total ?? 0, 1), ...names.map((k) => n(r[k] ?? 0, 1))]),
      ),
    );
  }

  if (results.growth.length) {
    out.push('\n### Population growth (everything on)\n');
    out.push(
      table(
        ['persons', 'seeding (s)', 'one connection p50 / p99 (ms)', `${o.targetRate} req/s open: p50 / p99 (ms)`, 'errors'],
        results.growth.map((g) => [
          g.persons.toLocaleString('en'),
          n(g.seedS, 0),
          `${n(g.oneConnection.p50, 2)} / ${n(g.oneConnection.p99, 2)}`,
          `${n(g.targetRate.p50, 2)} / ${n(g.targetRate.p99, 2)}`,
          n(g.oneConnection.errors + g.targetRate.errors, 0),
        ]),
      ),
    );
  }

  out.push('\n### Peak RSS (MiB, over each system’s turn)\n');
  const rss = ['gateway', 'persons', 'employment', 'unemployment', 'authorizations', 'ferretdb', 'postgres'];
  out.push(
    table(
      ['system', ...rss],
      summaries.map((s) => [s.label, ...rss.map((k) => (s.peakRssMiB[k] ? n(s.peakRssMiB[k].median, 0) : '–'))]),
    ),
  );

  out.push('\n### Targets\n');
  out.push(
    table(
      ['target', 'measured', 'met'],
      checkTargets(results, summaries).map((c) => [
        c.target,
        c.measured,
        c.met === undefined ? 'n/a' : c.met ? 'yes' : `**no** (${c.gap})`,
      ]),
    ),
  );

  if (results.profile) {
    const p = results.profile;
    out.push(`\n### Where the gateway's time goes (\`node --cpu-prof\`, everything on, saturation, ${n(p.throughput, 0)} req/s)\n`);
    out.push(`Busy time ${n(p.totalMs, 0)} ms. By package (self time):\n`);
    out.push(
      table(
        ['package', 'self ms', 'share'],
        p.packages.slice(0, 12).map((x) => [x.name, n(x.selfMs, 0), `${n(x.share * 100, 1)} %`]),
      ),
    );
    out.push('\nHeaviest functions (self time):\n');
    out.push(
      table(
        ['function', 'where', 'share'],
        p.functions.slice(0, 15).map((x) => [`\`${x.name}\``, `\`${x.where}\``, `${n(x.share * 100, 1)} %`]),
      ),
    );
  }
  if (results.notes.length) out.push(`\n### Notes\n\n${results.notes.map((x) => `- ${x}`).join('\n')}`);
  return out.join('\n') + '\n';
}

/** `+1.23` / `−0.45`: how much a row adds to the reference. */
function added(value: number, reference: number, d = 2): string {
  const x = value - reference;
  return Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${n(Math.abs(x), d)}` : 'n/a';
}

/**
 * Store → subgraphs → gateway with every layer, then what each layer adds on
 * its own (everything on minus that layer off): where a request's cost comes from.
 */
function layerRows(summaries: SystemSummary[]): Array<{ step: string; between: string; p50: string; cpu: string; bulk: string }> {
  const get = (id: string) => summaries.find((s) => s.system === id);
  const store = get('store');
  const floor = get('floor');
  const on = get('all-on');
  if (!store) return [];
  const lastBulk = (s: SystemSummary) => s.bulk.at(-1)?.msPerCall.median ?? NaN;
  const row = (step: string, to: SystemSummary, from?: SystemSummary) => ({
    step,
    between: from ? `${from.label} → ${to.label}` : to.label,
    p50: from ? added(to.oneConnectionP50.median, from.oneConnectionP50.median) : n(to.oneConnectionP50.median, 2),
    cpu: from ? added(to.cpuPerRequestTotal.median, from.cpuPerRequestTotal.median, 3) : n(to.cpuPerRequestTotal.median, 3),
    bulk: from ? (to.bulk.length && from.bulk.length ? added(lastBulk(to), lastBulk(from), 1) : '–') : n(lastBulk(to), 1),
  });
  const rows = [row('the store: the documents, through the driver', store)];
  if (floor) rows.push(row('+ the subgraphs (GraphQL over HTTP, shield)', floor, store));
  if (on && floor) rows.push(row('+ the gateway and every layer', on, floor));
  if (on) {
    for (const off of summaries.filter((s) => s.system.startsWith('no-') && s.system !== 'no-authz')) {
      rows.push(row(`one layer: ${off.system.slice(3)}`, on, off));
    }
  }
  return rows;
}

export type { SystemSummary };
