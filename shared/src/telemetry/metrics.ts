import client from 'prom-client';
import type { MongoClient } from 'mongodb';
import type { PolicyStore } from '../access/policyStore.js';

/**
 * The Prometheus metrics of a Crossroads process, one registry per process, served on its own port
 * (METRICS_PORT, metricsServer.ts). Names follow Prometheus conventions: `crossroads_` prefix, base units
 * (seconds, bytes), `_total` for counters. Labels are bounded sets only — a partner id, a purpose and a code come
 * from the committee's files and the error registry — never an SSIN, a request id or a document (decision 0032).
 */
export const registry = new client.Registry();

/** Latency buckets, in seconds: 1 s is the service level the model publishes (99.88 % of online requests within it). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Names this process in every series, and adds Node's own metrics (CPU, memory, event-loop lag, GC). */
export function initMetrics(service: string): void {
  if (initialised) return;
  initialised = true;
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry, prefix: 'crossroads_' });
}
let initialised = false;

// ── every service: its HTTP endpoint ──────────────────────────────────────────────────────────────

export const httpRequests = new client.Counter({
  name: 'crossroads_http_requests_total',
  help: 'HTTP requests answered by this service, by route and status code.',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new client.Histogram({
  name: 'crossroads_http_request_duration_seconds',
  help: "Time from a request's arrival to its response's end, at this service.",
  labelNames: ['route'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

// ── the gateway: what partners asked and what came of it ─────────────────────────────────────────

export const gatewayRequests = new client.Counter({
  name: 'crossroads_gateway_requests_total',
  help: 'Requests of identified callers, as recorded in the audit trail: by partner, purpose, outcome (answered, refused, failed) and the first error code ("none" when answered cleanly).',
  labelNames: ['partner', 'purpose', 'outcome', 'code'] as const,
  registers: [registry],
});

export const gatewayDuration = new client.Histogram({
  name: 'crossroads_gateway_request_duration_seconds',
  help: 'Duration of identified callers’ requests at the gateway, as recorded in the audit trail, by outcome.',
  labelNames: ['outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const anonymousRefusals = new client.Counter({
  name: 'crossroads_gateway_anonymous_refusals_total',
  help: 'Requests refused before the caller was identified (no token, a forged or expired one): counted here, never recorded in the audit trail.',
  labelNames: ['code', 'reason'] as const,
  registers: [registry],
});

export const sourceCalls = new client.Histogram({
  name: 'crossroads_gateway_source_call_duration_seconds',
  help: 'Duration of the gateway’s calls to each source, by outcome (ok, unavailable, timeout).',
  labelNames: ['source', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

// ── every audit writer ────────────────────────────────────────────────────────────────────────────

export const auditWriteDuration = new client.Histogram({
  name: 'crossroads_audit_write_duration_seconds',
  help: 'Time to store one batch of audit records (group commit), acknowledged with the configured write concern.',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const auditBatchSize = new client.Histogram({
  name: 'crossroads_audit_batch_records',
  help: 'Records per audit insert (concurrent requests committed together).',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
  registers: [registry],
});

export const auditWriteFailures = new client.Counter({
  name: 'crossroads_audit_write_failures_total',
  help: 'Audit records not stored in time or refused by the store: each failed its request closed (AUDIT_UNAVAILABLE).',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** Observes one insert of `records` audit records that took `seconds`. */
export function observeAuditBatch(records: number, seconds: number, ok: boolean): void {
  auditWriteDuration.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
  auditBatchSize.observe(records);
  if (!ok) auditWriteFailures.inc({ reason: 'store' }, records);
}

// ── the policy set in force ───────────────────────────────────────────────────────────────────────

/** The policy set's version, its reloads and the last one's outcome, read from the store at each scrape. */
export function observePolicies(policies: PolicyStore): void {
  new client.Gauge({
    name: 'crossroads_policy_set_info',
    help: 'The policy set in force: 1 for its version (SHA-256 of its files); two processes with the same version enforce the same set.',
    labelNames: ['version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: policies.status().version }, 1);
    },
  });
  new client.Gauge({
    name: 'crossroads_policy_set_loaded_timestamp_seconds',
    help: 'When the policy set in force was loaded (Unix time).',
    registers: [registry],
    collect() {
      this.set(Date.parse(policies.status().loadedAt) / 1000);
    },
  });
  new client.Counter({
    name: 'crossroads_policy_reloads_total',
    help: 'Reloads asked for (SIGHUP), refused ones included.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(policies.status().reloads);
    },
  });
  new client.Gauge({
    name: 'crossroads_policy_last_reload_refused',
    help: '1 when the last reload was refused (the previous set stays in force; GET /health names every problem), else 0.',
    registers: [registry],
    collect() {
      this.set(policies.status().lastReload?.outcome === 'refused' ? 1 : 0);
    },
  });
}

// ── MongoDB connection pools ──────────────────────────────────────────────────────────────────────

const poolConnections = new client.Gauge({
  name: 'crossroads_mongodb_pool_connections',
  help: 'Connections of a MongoDB client’s pools, by client (source or audit) and state (in_use, idle).',
  labelNames: ['client', 'state'] as const,
  registers: [registry],
});

const poolCheckoutFailures = new client.Counter({
  name: 'crossroads_mongodb_pool_checkout_failures_total',
  help: 'Requests for a pooled MongoDB connection that failed (timeout, pool closed), by client.',
  labelNames: ['client'] as const,
  registers: [registry],
});

const poolMax = new client.Gauge({
  name: 'crossroads_mongodb_pool_max_connections',
  help: 'The pool size limit of a MongoDB client (maxPoolSize), per server.',
  labelNames: ['client'] as const,
  registers: [registry],
});

/**
 * Follows a MongoClient's pool events: connections open, in use, and failed check-outs. A connection is known from
 * any event that names it (it may have been created before the listeners were attached, during connect).
 */
export function observeMongoPool(mongo: MongoClient, name: 'source' | 'audit'): void {
  type PoolEvent = { address: string; connectionId?: number | string };
  const open = new Set<string>();
  const inUse = new Set<string>();
  const id = (event: PoolEvent) => `${event.address}#${String(event.connectionId)}`;
  const update = () => {
    poolConnections.set({ client: name, state: 'in_use' }, inUse.size);
    poolConnections.set({ client: name, state: 'idle' }, Math.max(0, open.size - inUse.size));
  };
  poolMax.set({ client: name }, mongo.options.maxPoolSize);
  mongo.on('connectionCreated', (e: PoolEvent) => (open.add(id(e)), update()));
  mongo.on('connectionClosed', (e: PoolEvent) => (open.delete(id(e)), inUse.delete(id(e)), update()));
  mongo.on('connectionCheckedOut', (e: PoolEvent) => (open.add(id(e)), inUse.add(id(e)), update()));
  mongo.on('connectionCheckedIn', (e: PoolEvent) => (open.add(id(e)), inUse.delete(id(e)), update()));
  mongo.on('connectionCheckOutFailed', () => poolCheckoutFailures.inc({ client: name }));
  update();
}

/** Counts one request of an identified caller from its audit record, so that the metrics and the trail agree. */
export function observeGatewayRequest(record: {
  partnerId: string | null;
  purpose: string | null;
  outcome: string;
  code: string | null;
  durationMs: number;
}): void {
  gatewayRequests.inc({
    partner: record.partnerId ?? 'unknown',
    purpose: record.purpose ?? 'none',
    outcome: record.outcome,
    code: record.code ?? 'none',
  });
  gatewayDuration.observe({ outcome: record.outcome }, record.durationMs / 1000);
}
