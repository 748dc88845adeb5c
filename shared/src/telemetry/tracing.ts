// Loaded first by every service's main, before anything it traces is imported: keep its static imports to Node's own.
import { randomUUID } from 'node:crypto';
import { register } from 'node:module';
// Types only: erased at compile time, so the SDK is still not loaded until tracing is on.
import type { tracing as SdkTracing } from '@opentelemetry/sdk-node';

/** What the SDK exposes that we use; typed loosely so that this module imports nothing of it until tracing is on. */
interface RunningSdk {
  shutdown(): Promise<void>;
}

let sdk: RunningSdk | undefined;

/**
 * Tracing is off unless the operator configures an exporter with OpenTelemetry's own variables:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), or `OTEL_TRACES_EXPORTER` other than
 * `none`; `OTEL_SDK_DISABLED=true` keeps it off whatever else is set.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = traceExporters(env);
  if (exporters.length > 0) return exporters.some((e) => e !== 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

function traceExporters(env: NodeJS.ProcessEnv): string[] {
  return (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
}

/** Digits that may be a national number (11 in a row, or written 85.07.30-033.28): never exported in a span. */
const POSSIBLE_SSIN = /\d{11}|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}/;
const POSSIBLE_SSINS = new RegExp(POSSIBLE_SSIN.source, 'g');

/**
 * Starts OpenTelemetry for this process when configured (see tracingEnabled), before the modules it instruments
 * are loaded: HTTP in and out (W3C `traceparent` read from the gateway's calls, written on them), undici (the
 * gateway's pool to the sources), the MongoDB driver, GraphQL execution; Apollo's gateway adds its own spans
 * (plan, fetch) through the same API. Nothing personal is recorded: GraphQL documents with their literal values
 * removed and no variables, MongoDB commands with every value replaced by `?`, no headers; and any attribute that
 * still looks like a national number is dropped before export (decision 0033).
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (sdk || !tracingEnabled(env)) return;
  // ES modules are patched as they load only through this hook (import-in-the-middle); CommonJS ones through require.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [
    { NodeSDK, tracing, resources },
    { HttpInstrumentation },
    { UndiciInstrumentation },
    { MongoDBInstrumentation },
    { GraphQLInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-mongodb'),
    import('@opentelemetry/instrumentation-graphql'),
  ]);
  const exporters = traceExporters(env);
  const spanExporters: SdkTracing.SpanExporter[] = [];
  if (exporters.includes('console')) spanExporters.push(new tracing.ConsoleSpanExporter());
  if (exporters.length === 0 || exporters.includes('otlp')) spanExporters.push(await otlpExporter(env));
  const started = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || `crossroads-${service}`,
    // Only what the operator states (OTEL_RESOURCE_ATTRIBUTES) and an instance id: no host or cloud probing.
    resourceDetectors: [resources.envDetector],
    resource: resources.resourceFromAttributes({ 'service.instance.id': randomUUID() }),
    spanProcessors: spanExporters.map((exporter) => new tracing.BatchSpanProcessor(withoutPersonalData(exporter))),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not requests: no trace for each balancer check.
        ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health'),
      }),
      new UndiciInstrumentation(),
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true, depth: 2 }),
    ],
  });
  started.start();
  sdk = started;
}

/** Sends the spans still buffered; called by a service as it stops. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => {});
  sdk = undefined;
}

/** OTLP over HTTP, protobuf (the default) or JSON, as OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL says (the settings refuse others). */
async function otlpExporter(env: NodeJS.ProcessEnv) {
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim();
  if (protocol === 'http/json') return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  return new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
}

type Exporter = SdkTracing.SpanExporter;

/**
 * The exporter, with every attribute that looks like a national number removed from the spans it is given, and
 * such a number in a span's name masked: GraphQL's spans are named after the operation and the fields' aliases,
 * which the partner chooses (`query P85073003328`).
 */
export function withoutPersonalData(exporter: Exporter): Exporter {
  return {
    export(spans, done) {
      for (const span of spans) {
        // The SDK's spans are plain objects by the time they are exported: the name can be replaced.
        if (POSSIBLE_SSIN.test(span.name)) (span as { name: string }).name = span.name.replace(POSSIBLE_SSINS, '…');
        const attributes = span.attributes as Record<string, unknown>;
        for (const [key, value] of Object.entries(attributes)) {
          if (POSSIBLE_SSIN.test(typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : '')) delete attributes[key];
        }
        for (const event of span.events) {
          const eventAttributes = (event.attributes ?? {}) as Record<string, unknown>;
          for (const [key, value] of Object.entries(eventAttributes)) {
            if (typeof value === 'string' && POSSIBLE_SSIN.test(value)) delete eventAttributes[key];
          }
        }
      }
      exporter.export(spans, done);
    },
    shutdown: () => exporter.shutdown(),
    ...(exporter.forceFlush ? { forceFlush: () => exporter.forceFlush!() } : {}),
  };
}
