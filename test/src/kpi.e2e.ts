import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AUDIT_DATABASE, auditCollections, todayInBelgium, type AuditRecord } from '@crossroads/shared';
import { repoRoot } from '@crossroads/stack';
import type { Kpis } from '@crossroads/kpi';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { gatewayUrl, mongoUri, metricsUrls } = inject('stack');
const QUERY = 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }';
const FORBIDDEN = 'query($ssin: SSIN!) { person(ssin: $ssin) { deathDate } }';
const run = promisify(execFile);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-kpi-'));
const day = todayInBelgium();

/** `npm run kpi` as an operator runs it, over the run's trail and the gateway's metrics endpoint. */
async function kpi(): Promise<{ kpis: Kpis; html: string; stdout: string }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'kpi/src/cli.ts', '--from', day, '--to', day, '--out', out, '--metrics', metricsUrls.gateway],
    { cwd: repoRoot, env: { ...process.env, MONGODB_URI: mongoUri } },
  );
  const base = path.join(out, `kpi-${day}-${day}`);
  return { kpis: JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as Kpis, html: fs.readFileSync(`${base}.html`, 'utf8'), stdout };
}

let before: Kpis;
let after: Kpis;
let html: string;
let client: MongoClient;
const answeredIds: string[] = [];

beforeAll(async () => {
  client = await new MongoClient(mongoUri).connect();
  before = (await kpi()).kpis;
  // Known traffic: four answered, one refused for a field not granted, one without a purpose, one without a token.
  const capac = await capacBenefit();
  for (const ssin of [
    referencePersons.unemployedBetweenJobs,
    referencePersons.student,
    referencePersons.unemployedBetweenJobs,
    referencePersons.crossBorderWorker,
  ]) {
    const response = await graphqlRequest(gatewayUrl, QUERY, { ssin }, capac);
    expect(response.status).toBe(200);
    answeredIds.push(response.requestId!);
  }
  expect((await graphqlRequest(gatewayUrl, FORBIDDEN, { ssin: referencePersons.student }, capac)).status).toBe(403);
  const withoutPurpose = Object.fromEntries(Object.entries(capac).filter(([name]) => name !== 'x-purpose'));
  expect((await graphqlRequest(gatewayUrl, QUERY, { ssin: referencePersons.student }, withoutPurpose)).status).toBe(400);
  expect(
    (await graphqlRequest(gatewayUrl, QUERY, { ssin: referencePersons.student }, { 'x-purpose': 'UNEMPLOYMENT_BENEFIT' })).status,
  ).toBe(401);
  ({ kpis: after, html } = await kpi());
}, 120_000);

afterAll(async () => {
  await client?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const capacOf = (k: Kpis) => k.perPartner.find((p) => p.partner === 'capac') ?? { requests: 0, answered: 0, refused: 0, failed: 0 };

describe('npm run kpi: the model’s figures over traffic the test generated', () => {
  it('counts the requests per day and per partner, by outcome', () => {
    expect(after.requests - before.requests).toBe(6);
    expect(after.perDay.find((d) => d.day === day)!.requests - before.perDay.find((d) => d.day === day)!.requests).toBe(6);
    const [b, a] = [capacOf(before), capacOf(after)];
    expect({
      requests: a.requests - b.requests,
      answered: a.answered - b.answered,
      refused: a.refused - b.refused,
      failed: a.failed - b.failed,
    }).toEqual({
      requests: 6,
      answered: 4,
      refused: 2,
      failed: 0,
    });
  });

  it('gives the share answered within one second, from the durations the trail recorded', async () => {
    const records = await client
      .db(AUDIT_DATABASE)
      .collection<AuditRecord>(auditCollections.records)
      .find({ _id: { $in: answeredIds.map((id) => `request:${id}`) } })
      .toArray();
    expect(records).toHaveLength(4);
    const fast = records.filter((r) => r.kind === 'request' && r.durationMs <= 1000).length;
    const [b, a] = [before.answeredWithinOneSecond, after.answeredWithinOneSecond];
    expect(a.answered - b.answered).toBe(4);
    expect(a.withinOneSecond - b.withinOneSecond).toBe(fast);
    expect(a.share).toBeCloseTo(a.withinOneSecond / a.answered, 10);
  });

  it('counts refusals by code, releases and availability per source, and the metrics’ anonymous refusals and source calls', () => {
    const delta = (x: Record<string, number>, y: Record<string, number>, key: string) => (y[key] ?? 0) - (x[key] ?? 0);
    expect(delta(before.refusalsByCode, after.refusalsByCode, 'FORBIDDEN')).toBe(1);
    expect(delta(before.refusalsByCode, after.refusalsByCode, 'PURPOSE_REQUIRED')).toBe(1);
    for (const source of ['persons', 'employment']) {
      const [b, a] = [before.releasesBySource[source] ?? { releases: 0, persons: 0 }, after.releasesBySource[source]!];
      expect({ releases: a.releases - b.releases, persons: a.persons - b.persons }, source).toEqual({ releases: 4, persons: 4 });
      const [bd, ad] = [before.availabilityBySource[source] ?? { delivered: 0, failed: 0 }, after.availabilityBySource[source]!];
      expect({ delivered: ad.delivered - bd.delivered, failed: ad.failed - bd.failed }, source).toEqual({ delivered: 4, failed: 0 });
      expect(after.metrics!.sourceCalls[source]!.ok - (before.metrics!.sourceCalls[source]?.ok ?? 0)).toBe(4);
    }
    expect(
      delta(
        before.releasesBySource.unemployment ? { r: before.releasesBySource.unemployment.releases } : {},
        after.releasesBySource.unemployment ? { r: after.releasesBySource.unemployment.releases } : {},
        'r',
      ),
    ).toBe(0);
    expect(delta(before.metrics!.anonymousRefusals, after.metrics!.anonymousRefusals, 'UNAUTHENTICATED')).toBe(1);
  });

  it('writes an HTML report that opens from the file: the figures, and charts drawn by the library inlined in it', () => {
    expect(html).toContain(`${after.requests.toLocaleString('en')}</div><div class="label">requests`);
    expect(html).toContain('new Chart(');
    expect(html.length).toBeGreaterThan(100_000); // Chart.js itself
    // Nothing is fetched: no script, style or image from elsewhere.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("default-src 'none'");
  });
});
