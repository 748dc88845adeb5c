import { auditTrailFromEnv, createLogger, describeError } from '@crossroads/shared';
import { gatewayAccessFromEnv } from './access/gatewayAccess.js';
import { startGateway } from './startGateway.js';

const logger = createLogger('gateway');
try {
  const audit = await auditTrailFromEnv('gateway');
  const server = await startGateway({
    audit: audit.trail,
    port: Number(process.env.GATEWAY_PORT ?? 4000),
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    logger,
    access: gatewayAccessFromEnv(logger),
    subgraphUrls: {
      ...(process.env.PERSONS_URL ? { persons: process.env.PERSONS_URL } : {}),
      ...(process.env.EMPLOYMENT_URL ? { employment: process.env.EMPLOYMENT_URL } : {}),
      ...(process.env.UNEMPLOYMENT_URL ? { unemployment: process.env.UNEMPLOYMENT_URL } : {}),
      ...(process.env.AUTHORIZATIONS_URL ? { authorizations: process.env.AUTHORIZATIONS_URL } : {}),
      ...(process.env.AUDIT_URL ? { audit: process.env.AUDIT_URL } : {}),
    },
    ...(process.env.SUBGRAPH_TIMEOUT_MS ? { subgraphTimeoutMs: Number(process.env.SUBGRAPH_TIMEOUT_MS) } : {}),
  });
  logger.info({ url: server.url }, 'gateway listening');
  const stop = async () => {
    await server.stop();
    await audit.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  logger.fatal(describeError(error), 'gateway failed to start');
  process.exit(1);
}
