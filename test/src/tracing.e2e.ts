import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCrashableSystem, type CrashableSystem } from './helpers/crashableSystem.js';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';

const { mongoUri, auditKeys, serviceLog } = inject('stack');

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values: AnyValue[] };
};
const valueOf = (v: AnyValue): unknown =>
  v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue ?? v.arrayValue?.values.map(valueOf) ?? null;
const attributesOf = (list: { key: string; value: AnyValue }[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** An OpenTelemetry collector of our own: the OTLP/HTTP JSON receiver, keeping every span it is sent. */
function startReceiver(): Promise<{ url: string; spans: Span[]; raw: string[]; close(): Promise<void> }> {
  const spans: Span[] = [];
  const raw: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      raw.push(body);
      if (req.url === '/v1/traces') {
        const exported = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: AnyValue }[] };
            scopeSpans: { spans: (Omit<Span, 'service' | 'attributes'> & { attributes?: { key: string; value: AnyValue }[] })[] }[];
          }[];
        };
        for (const resourceSpans of exported.resourceSpans) {
          const service = String(attributesOf(resourceSpans.resource.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans)
            for (const span of scope.spans)
              spans.push({ ...span, parentSpanId: span.parentSpanId ?? '', service, attributes: attributesOf(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        spans,
        raw,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let system: CrashableSystem | undefined;
let requestId: string | null;
const logLines: string[] = [];
const SSIN = referencePersons.unemployedBetweenJobs;
/** A MongoDB driver span (the attribute's name changed with the semantic conventions: both are accepted). */
const isDatabase = (s: Span) => (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'mongodb';

beforeAll(async () => {
  receiver = await startReceiver();
  const log = fs.createWriteStream(serviceLog, { flags: 'a' });
  system = await startCrashableSystem({
    mongoUri,
    auditKeys,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200' },
    sink: (service, line) => {
      logLines.push(`${service} | ${line}`);
      log.write(`tracing-${service} | ${line}\n`);
    },
  });
  // The national number in the variables and, in a second request, written into the document itself.
  const capac = await capacBenefit();
  const answered = await graphqlRequest(
    system.gatewayUrl,
    'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }',
    { ssin: SSIN },
    capac,
  );
  expect(answered.status).toBe(200);
  requestId = answered.requestId;
  const literal = await graphqlRequest(system.gatewayUrl, `{ person(ssin: "${SSIN}") { name { lastName } } }`, undefined, capac);
  expect(literal.status).toBe(200);
  // A clean stop sends what is still buffered.
  await system.stop();
  system = undefined;
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await receiver?.close();
});

describe('tracing: one trace per request, from the gateway through each source to the database', () => {
  it('links the gateway, the sources and their database calls in one trace, by W3C traceparent', () => {
    const gatewayServer = receiver.spans.find((s) => s.service === 'crossroads-gateway' && s.kind === 2 && s.name.startsWith('POST'));
    expect(gatewayServer, JSON.stringify(receiver.spans.map((s) => [s.service, s.name, s.kind]))).toBeDefined();
    const trace = receiver.spans.filter((s) => s.traceId === gatewayServer!.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const services = new Set(trace.map((s) => s.service));
    expect(services).toEqual(new Set(['crossroads-gateway', 'crossroads-persons', 'crossroads-employment']));
    for (const source of ['crossroads-persons', 'crossroads-employment']) {
      // The source's server span is the child of the gateway's client span (undici): the traceparent crossed the wire.
      const server = trace.find((s) => s.service === source && s.kind === 2);
      expect(server, source).toBeDefined();
      const parent = byId.get(server!.parentSpanId);
      expect(parent?.service).toBe('crossroads-gateway');
      expect(parent?.kind).toBe(3);
      // And the source's database calls hang under its server span.
      const database = trace.filter((s) => s.service === source && isDatabase(s));
      expect(database.length, source).toBeGreaterThan(0);
      for (const call of database) {
        let ancestor: Span | undefined = call;
        while (ancestor && ancestor !== server) ancestor = byId.get(ancestor.parentSpanId);
        expect(ancestor, `${source} ${call.name}`).toBe(server);
      }
    }
    // The gateway's own work is in it too: GraphQL execution, and its audit write.
    expect(trace.some((s) => s.service === 'crossroads-gateway' && s.name.startsWith('graphql'))).toBe(true);
    expect(trace.some((s) => s.service === 'crossroads-gateway' && isDatabase(s))).toBe(true);
  });

  it('exports no national number: no variables, literal values removed from documents, no values in database commands', () => {
    expect(receiver.raw.length).toBeGreaterThan(0);
    for (const body of receiver.raw) {
      expect(body).not.toContain(SSIN);
      expect(body).not.toContain('85.07.30-033.28');
    }
    // The documents are there, with their literal values taken out; the database commands, with every value a `?`.
    const documents = receiver.spans.map((s) => s.attributes['graphql.source']).filter(Boolean);
    expect(documents.length).toBeGreaterThan(0);
    const commands = receiver.spans.map((s) => s.attributes['db.query.text'] ?? s.attributes['db.statement']).filter(Boolean);
    expect(commands.length).toBeGreaterThan(0);
  });

  it('writes the gateway’s request id, and the trace, into the log lines of every source the request reached', () => {
    // The gateway logs no line for a request answered cleanly; each source logs the call it served.
    const ofRequest = logLines.filter((line) => requestId && line.includes(`"requestId":"${requestId}"`));
    expect(new Set(ofRequest.map((line) => line.split(' | ')[0]))).toEqual(new Set(['persons', 'employment']));
    expect(ofRequest.some((line) => /"traceId":"[0-9a-f]{32}"/.test(line))).toBe(true);
  });
});
