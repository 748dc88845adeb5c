import { describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { scrape, type Scrape } from './helpers/scrapeMetrics.js';

const { gatewayUrl, metricsUrls } = inject('stack');
const services = Object.keys(metricsUrls) as (keyof typeof metricsUrls)[];
const ANSWERED = 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }';
const FORBIDDEN = 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } deathDate } }';

const scrapeAll = async () =>
  Object.fromEntries(await Promise.all(services.map(async (s) => [s, await scrape(metricsUrls[s])] as const))) as Record<
    (typeof services)[number],
    Scrape
  >;

describe('metrics: every service, on its own port, counted as a scraper sees them', () => {
  it('counts known traffic by partner, purpose, outcome and code, at the gateway and per source, and the audit writes', async () => {
    const before = await scrapeAll();
    const capac = await capacBenefit();
    for (let i = 0; i < 3; i++) {
      const { status } = await graphqlRequest(gatewayUrl, ANSWERED, { ssin: referencePersons.unemployedBetweenJobs }, capac);
      expect(status).toBe(200);
    }
    expect((await graphqlRequest(gatewayUrl, FORBIDDEN, { ssin: referencePersons.unemployedBetweenJobs }, capac)).status).toBe(403);
    expect(
      (await graphqlRequest(gatewayUrl, ANSWERED, { ssin: referencePersons.student }, { 'x-purpose': 'UNEMPLOYMENT_BENEFIT' })).status,
    ).toBe(401);
    const after = await scrapeAll();
    const delta = (s: (typeof services)[number], name: string, labels?: Record<string, string>) =>
      after[s].sum(name, labels) - before[s].sum(name, labels);

    const request = { partner: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT' };
    expect(delta('gateway', 'crossroads_gateway_requests_total', { ...request, outcome: 'answered', code: 'none' })).toBe(3);
    expect(delta('gateway', 'crossroads_gateway_requests_total', { ...request, outcome: 'refused', code: 'FORBIDDEN' })).toBe(1);
    expect(delta('gateway', 'crossroads_gateway_requests_total')).toBe(4);
    expect(delta('gateway', 'crossroads_gateway_anonymous_refusals_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('gateway', 'crossroads_gateway_request_duration_seconds_count', { outcome: 'answered' })).toBe(3);
    // The service level the model publishes is read off this bucket: every answer here took less than 10 s.
    expect(delta('gateway', 'crossroads_gateway_request_duration_seconds_bucket', { outcome: 'answered', le: '10' })).toBe(3);
    // Each answered request called persons and employment once; the refused one called nobody.
    for (const source of ['persons', 'employment']) {
      expect(delta('gateway', 'crossroads_gateway_source_call_duration_seconds_count', { source, outcome: 'ok' })).toBe(3);
      expect(delta(source as 'persons', 'crossroads_http_requests_total', { route: '/graphql', status: '200' })).toBe(3);
      expect(delta(source as 'persons', 'crossroads_audit_batch_records_sum')).toBe(3);
    }
    expect(delta('unemployment', 'crossroads_http_requests_total', { route: '/graphql' })).toBe(0);
    // The gateway recorded the four requests of identified callers, in batches; none failed.
    expect(delta('gateway', 'crossroads_audit_batch_records_sum')).toBe(4);
    expect(delta('gateway', 'crossroads_audit_write_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('gateway', 'crossroads_audit_write_failures_total')).toBe(0);
  });

  it('reports the policy set in force, the same version everywhere, and the database pools', async () => {
    const all = await scrapeAll();
    const versions = services.map((s) => all[s].samples.find((x) => x.name === 'crossroads_policy_set_info')?.labels.version);
    expect(versions[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(new Set(versions).size).toBe(1);
    for (const s of services) {
      expect(all[s].sum('crossroads_policy_last_reload_refused')).toBe(0);
      expect(all[s].samples.some((x) => x.name === 'crossroads_policy_reloads_total')).toBe(true);
    }
    for (const s of ['persons', 'employment', 'unemployment', 'audit'] as const) {
      expect(all[s].samples.filter((x) => x.name === 'crossroads_mongodb_pool_connections' && x.labels.client === 'source')).toHaveLength(
        2,
      );
      expect(all[s].sum('crossroads_mongodb_pool_max_connections', { client: 'audit' })).toBeGreaterThan(0);
    }
    expect(all.gateway.sum('crossroads_mongodb_pool_connections', { client: 'audit' })).toBeGreaterThan(0);
  });

  it('follows Prometheus conventions: prefixed, typed and explained, counters end in _total, durations in seconds', async () => {
    const all = await scrapeAll();
    for (const s of services) {
      const families = [...all[s].types].filter(([name]) => name.startsWith('crossroads_'));
      expect(families.length).toBeGreaterThan(10);
      for (const [name, type] of families) {
        expect(all[s].help.get(name), name).toBeTruthy();
        if (type === 'counter') expect(name).toMatch(/_total$/);
        if (name.includes('duration')) expect(name).toMatch(/_seconds$/);
        expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      }
      // Every sample says which service it comes from; none carries a national number.
      for (const sample of all[s].samples) {
        expect(sample.labels.service).toBe(s);
        expect(JSON.stringify(sample.labels)).not.toMatch(/\d{11}/);
      }
    }
  });

  it('serves metrics on their own port only: the GraphQL port has none, and the metrics port nothing else', async () => {
    expect((await fetch(gatewayUrl.replace('/graphql', '/metrics'))).status).toBe(404);
    expect((await fetch(metricsUrls.gateway.replace('/metrics', '/graphql'))).status).toBe(404);
  });
});
