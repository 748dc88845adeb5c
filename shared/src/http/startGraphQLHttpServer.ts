import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { HttpInputError, readJsonBody } from './readJsonBody.js';
import type { Logger } from '../logger.js';

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (DataLoaders live here). */
  context: (req: http.IncomingMessage) => Promise<TContext>;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  logger: Logger;
  /** Largest accepted request body; default 1 MiB (1,000 SSINs inline take about 16 KiB). */
  bodyLimitBytes?: number;
  /** Answers GET /health; default: always ready. */
  health?: () => Promise<boolean>;
  /** More for GET /health to report (the process's policy set: policies:reload reads it); default nothing. */
  status?: () => Record<string, unknown>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves an ApolloServer at /graphql on plain node:http, with a body limit and a
 * /health probe for the process supervisor. Written here rather than using
 * `startStandaloneServer` because that one has no health route, accepts 50 MB
 * bodies and prints stack traces to the console on malformed input.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { apollo, logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  await apollo.start();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: { message: (error as Error).message } }, 'unhandled HTTP error');
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      const ok = options.health ? await options.health().catch(() => false) : true;
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', ...options.status?.() });
      return;
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/') {
      sendJson(res, 404, { errors: [{ message: 'Not found: the GraphQL endpoint is /graphql.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJsonBody(req, bodyLimit) : undefined;
    } catch (error) {
      if (error instanceof HttpInputError) {
        sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      throw error;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    port,
    async stop() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}
