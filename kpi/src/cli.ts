// `npm run kpi -- --from YYYY-MM-DD --to YYYY-MM-DD`: the model's published figures, from the audit trail and the
// gateways' metrics, as a JSON file and an HTML report with charts. Exit 0 written; 2 it could not run.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_DATABASE, connectMongo, loadPolicySet, policyDir, readApiSchema, todayInBelgium } from '@crossroads/shared';
import { DEFAULT_STACK_STATE_FILE, localStackEnvironment, readStackState } from '@crossroads/stack';
import { computeKpis, daysBetween } from './computeKpis.js';
import { readMetricsKpis } from './readMetricsKpis.js';
import { renderReport } from './renderReport.js';

const usage = `npm run kpi -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out DIR] [--metrics URL]…

Computes, from the audit trail, the figures the model publishes: requests per
day and per partner, the share answered within one second, availability per
source, refusals by code, releases per source; and, from the gateways' metrics
endpoints (--metrics, repeatable; beside npm start: every gateway of the local
stack), every source call by outcome and the refusals of callers never
identified. Writes DIR/kpi-FROM-TO.json and DIR/kpi-FROM-TO.html (charts inlined,
opens from the file). Days are Belgian calendar days; default: today.

  --out DIR       where to write (default: kpi-reports/)
  --database NAME the audit database (default ${AUDIT_DATABASE})
  --no-metrics    read no metrics endpoint

Environment: MONGODB_URI (AUDIT_MONGODB_URI when set) — beside npm start, the
local stack's database is found by itself; AUTHZ_POLICY_DIR (the partners).
`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', default: 'kpi-reports' },
        database: { type: 'string', default: AUDIT_DATABASE },
        metrics: { type: 'string', multiple: true },
        'no-metrics': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const today = todayInBelgium();
  const from = values.from ?? values.to ?? today;
  const to = values.to ?? values.from ?? today;
  try {
    daysBetween(from, to);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const local = localStackEnvironment(DEFAULT_STACK_STATE_FILE, process.env);
  const uri = process.env.AUDIT_MONGODB_URI || process.env.MONGODB_URI || local.env.MONGODB_URI;
  if (!uri) {
    process.stderr.write('MONGODB_URI is not set (and no local stack is running): point it at the server that holds the audit trail.\n');
    return 2;
  }
  if (!process.env.MONGODB_URI && local.note) process.stderr.write(`${local.note}\n`);
  const metricsUrls = values['no-metrics'] ? [] : (values.metrics ?? localGatewayMetrics());
  const policies = loadPolicySet({ dir: process.env.AUTHZ_POLICY_DIR || policyDir, supergraph: readApiSchema() });
  const client = await connectMongo(uri, 'crossroads-kpi');
  try {
    const kpis = await computeKpis(client.db(values.database), { from, to, partners: [...policies.partners.keys()] });
    if (metricsUrls.length > 0) {
      try {
        kpis.metrics = await readMetricsKpis(metricsUrls);
      } catch (error) {
        process.stderr.write(`metrics not read (${(error as Error).message}); the report has the trail's figures only\n`);
      }
    }
    fs.mkdirSync(values.out, { recursive: true });
    const base = path.join(values.out, `kpi-${from}-${to}`);
    fs.writeFileSync(`${base}.json`, `${JSON.stringify(kpis, null, 2)}\n`);
    fs.writeFileSync(`${base}.html`, renderReport(kpis));
    const a = kpis.answeredWithinOneSecond;
    process.stdout.write(
      `${kpis.requests} requests from ${from} to ${to}; ${a.share === null ? 'none answered' : `${(a.share * 100).toFixed(2)} % of ${a.answered} answered within one second`}.\n` +
        `Wrote ${base}.json and ${base}.html\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  } finally {
    await client.close();
  }
}

/** The metrics endpoints of the local stack's gateways, when one is running. */
function localGatewayMetrics(): string[] {
  try {
    const state = readStackState(DEFAULT_STACK_STATE_FILE);
    return state.services.filter((s) => s.name === 'gateway' && s.metricsPort).map((s) => `http://127.0.0.1:${s.metricsPort}/metrics`);
  } catch {
    return [];
  }
}

process.exitCode = await main();
