export { requestScope, currentRequestId, type RequestScope } from './requestContext.js';
export {
  registry as metricsRegistry,
  initMetrics,
  gatewayRequests,
  observeGatewayRequest,
  gatewayDuration,
  anonymousRefusals,
  sourceCalls,
  observeAuditBatch,
  auditWriteFailures,
  observePolicies,
  observeMongoPool,
} from './metrics.js';
export { startMetricsServer, type RunningMetricsServer } from './metricsServer.js';
export { registerReadinessCheck, checkReadiness, type ReadinessCheck, type ReadinessReport } from './readiness.js';
export { startServiceTelemetry, type ServiceTelemetry } from './startServiceTelemetry.js';
