import type { MongoClient } from 'mongodb';
import type { PolicyStore } from '../access/policyStore.js';
import { readSettings } from '../config/readSettings.js';
import type { Logger } from '../logger.js';
import { initMetrics, observeMongoPool, observePolicies } from './metrics.js';
import { startMetricsServer } from './metricsServer.js';
import { registerReadinessCheck } from './readiness.js';
import { stopTracing } from './tracing.js';

export interface ServiceTelemetryOptions {
  service: string;
  logger: Logger;
  policies: PolicyStore;
  /** The source's own database client, if it has one. */
  sourceClient?: MongoClient;
  /** The audit store's client, if the process writes the audit trail. */
  auditClient?: MongoClient;
}

export interface ServiceTelemetry {
  /** The metrics port, when METRICS_PORT is set. */
  metricsPort?: number;
  stop(): Promise<void>;
}

/**
 * What makes a service observable, the same in the gateway and every subgraph: its metrics (served on
 * METRICS_PORT when set), and the checks of its readiness — the audit store answers, a valid policy set is in
 * force — beside the one its server adds for its own database.
 */
export async function startServiceTelemetry(options: ServiceTelemetryOptions): Promise<ServiceTelemetry> {
  const { service, logger, policies } = options;
  initMetrics(service);
  observePolicies(policies);
  if (options.sourceClient) observeMongoPool(options.sourceClient, 'source');
  if (options.auditClient) {
    observeMongoPool(options.auditClient, 'audit');
    const audit = options.auditClient;
    // The audit store in particular: a request that cannot be recorded fails closed, so a process without it serves nothing.
    registerReadinessCheck('auditStore', async () => void (await audit.db('admin').command({ ping: 1 })));
  }
  // A set is in force from the start (a broken one stops the start; a refused reload keeps the previous one).
  registerReadinessCheck('policies', () => policies.status().version.length > 0);
  const { METRICS_PORT, METRICS_HOST, HOST } = readSettings(['METRICS_PORT', 'METRICS_HOST', 'HOST']);
  const metrics = METRICS_PORT === undefined ? undefined : await startMetricsServer(METRICS_PORT, METRICS_HOST ?? HOST, logger);
  return {
    ...(metrics ? { metricsPort: metrics.port } : {}),
    async stop() {
      await metrics?.stop();
      await stopTracing();
    },
  };
}
