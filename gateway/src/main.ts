// Tracing first, when configured: the modules it instruments must load after it (shared/src/telemetry/tracing.ts).
import { startTracing } from '@crossroads/shared/tracing';

await startTracing('gateway');
const {
  auditTrailFromEnv,
  checkSettings,
  connectMongo,
  createDirectoryReader,
  createLogger,
  detectServerKind,
  exitOnStartFailure,
  readSettings,
  startServiceTelemetry,
} = await import('@crossroads/shared');

// Every setting the gateway reads, before anything else (the logger reads LOG_LEVEL): all problems at once.
try {
  checkSettings('gateway');
} catch (error) {
  exitOnStartFailure('gateway', error);
}
const logger = createLogger('gateway');
try {
  const [{ gatewayAccessFromEnv }, { startGateway }] = await Promise.all([
    import('./access/gatewayAccess.js'),
    import('./startGateway.js'),
  ]);
  const s = readSettings([
    'GATEWAY_PORT',
    'HOST',
    'PERSONS_URL',
    'EMPLOYMENT_URL',
    'UNEMPLOYMENT_URL',
    'AUTHORIZATIONS_URL',
    'AUDIT_URL',
    'DIRECTORY_URL',
    'SUBGRAPH_TIMEOUT_MS',
    'DIRECTORY_TIMEOUT_MS',
    'GATEWAY_MAX_IN_FLIGHT',
    'MONGODB_URI',
    'DIRECTORY_MONGODB_URI',
  ]);
  // Keys and policies first: a refused key or policy set stops the start before any connection is made.
  const access = gatewayAccessFromEnv(logger);
  const audit = await auditTrailFromEnv('gateway');
  // The reference directory, for authorizations limited to the persons a partner follows.
  const directoryUri = s.DIRECTORY_MONGODB_URI ?? s.MONGODB_URI;
  if (!directoryUri) throw new Error('The reference directory needs DIRECTORY_MONGODB_URI or MONGODB_URI.');
  const directoryClient = await connectMongo(directoryUri, 'crossroads-gateway-directory');
  const directory = createDirectoryReader(directoryClient, await detectServerKind(directoryClient));
  // Metrics and readiness checks (the audit store, the policy set) before the gateway listens.
  const telemetry = await startServiceTelemetry({ service: 'gateway', logger, policies: access.policies, auditClient: audit.client });
  const subgraphUrls = {
    persons: s.PERSONS_URL,
    employment: s.EMPLOYMENT_URL,
    unemployment: s.UNEMPLOYMENT_URL,
    authorizations: s.AUTHORIZATIONS_URL,
    audit: s.AUDIT_URL,
    directory: s.DIRECTORY_URL,
  };
  const server = await startGateway({
    audit: audit.trail,
    port: s.GATEWAY_PORT,
    host: s.HOST,
    logger,
    access,
    // Unset: the URL written in the supergraph.
    subgraphUrls: Object.fromEntries(Object.entries(subgraphUrls).filter(([, url]) => url !== undefined)),
    subgraphTimeoutMs: s.SUBGRAPH_TIMEOUT_MS,
    directoryTimeoutMs: s.DIRECTORY_TIMEOUT_MS,
    maxInFlight: s.GATEWAY_MAX_IN_FLIGHT,
    directory,
  });
  logger.info({ url: server.url, policyVersion: access.policies.status().version }, 'gateway listening');
  const stop = async () => {
    await server.stop();
    await audit.close();
    await directoryClient.close();
    await telemetry.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  exitOnStartFailure('gateway', error, logger);
}
