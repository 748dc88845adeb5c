import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { registry } from './metrics.js';

export interface RunningMetricsServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves `GET /metrics` in Prometheus's text format on a port of its own (METRICS_PORT): apart from the
 * partners' endpoint, so that a scrape never counts against a partner's limits, never goes through admission, and
 * can be reachable from the monitoring network only. Nothing else is served there.
 */
export async function startMetricsServer(port: number, host: string, logger: Logger): Promise<RunningMetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at /metrics.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.error({ errorMessage: (error as Error).message }, 'metrics not collected');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics not collected\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ metricsUrl: `http://${host}:${bound}/metrics` }, 'metrics served');
  return {
    port: bound,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
