import type { MetricsKpis } from './computeKpis.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * What the gateways' metrics add to the trail's figures: every call to a source (those that released nothing
 * too) by outcome, the refusals of callers never identified, and the latency histogram. Counts run from each
 * process's start: over the report's range only when the processes ran exactly that long (Prometheus's
 * `increase()` over the range is the exact figure; docs/operations.md).
 */
export async function readMetricsKpis(urls: readonly string[]): Promise<MetricsKpis> {
  const samples = (
    await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return parseSamples(await response.text());
      }),
    )
  ).flat();
  const sum = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((t, s) => t + s.value, 0);
  const sources = [
    ...new Set(samples.filter((s) => s.name === 'crossroads_gateway_source_call_duration_seconds_count').map((s) => s.labels.source!)),
  ];
  const sourceCalls: MetricsKpis['sourceCalls'] = {};
  for (const source of sources.sort()) {
    const [ok, unavailable, timeout] = ['ok', 'unavailable', 'timeout'].map((outcome) =>
      sum('crossroads_gateway_source_call_duration_seconds_count', { source, outcome }),
    ) as [number, number, number];
    const all = ok + unavailable + timeout;
    sourceCalls[source] = { ok, unavailable, timeout, availability: all === 0 ? null : ok / all };
  }
  const anonymousRefusals: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === 'crossroads_gateway_anonymous_refusals_total'))
    anonymousRefusals[s.labels.code!] = (anonymousRefusals[s.labels.code!] ?? 0) + s.value;
  const requests = sum('crossroads_gateway_request_duration_seconds_count');
  const within = sum('crossroads_gateway_request_duration_seconds_bucket', { le: '1' });
  return {
    scrapedAt: new Date().toISOString(),
    sourceCalls,
    anonymousRefusals,
    withinOneSecond: { requests, withinOneSecond: within, share: requests === 0 ? null : within / requests },
  };
}
