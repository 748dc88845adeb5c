import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { describeError, type Logger } from '../logger.js';
import { HttpRefusal } from './HttpRefusal.js';
import { refusalOfFrameworkError } from './refusalOfFrameworkError.js';
import { readGraphQLRequestBody, type GraphQLRequestBody } from './readGraphQLRequestBody.js';
import { httpDuration, httpRequests } from '../telemetry/metrics.js';
import { checkReadiness } from '../telemetry/readiness.js';
import { requestScope } from '../telemetry/requestContext.js';

/**
 * Who a request comes from and what it may do, established on the headers
 * alone before the body is read (the gateway authenticates the partner here),
 * then checked again once the body is read (the gateway's operation limits).
 * Every refusal made before GraphQL — by these hooks, by the framework (size,
 * media type, malformed JSON) or by a plugin (rate limits) — is reported to
 * `refused`, which the gateway records in the audit trail.
 */
export interface HttpAdmission<TAdmitted> {
  /** Runs first, on the headers. Throw an HttpRefusal to refuse: nothing else runs. */
  admit(req: IncomingMessage, requestId: string): Promise<TAdmitted>;
  /** Runs once the body is a GraphQL request, before GraphQL. Throw an HttpRefusal to refuse. */
  check?(admitted: TAdmitted, body: GraphQLRequestBody, requestId: string): Promise<void> | void;
  /**
   * Every refusal made before GraphQL, awaited before it is sent. `admitted` is
   * what admit() established (or the refusal's own `subject` when admit
   * refused someone it had identified), undefined for an unidentified caller.
   */
  refused?(refusal: HttpRefusal, admitted: TAdmitted | undefined, details: RefusalDetails): Promise<void>;
  /** Once the response has been sent or the connection has closed: release what admit() took. */
  finished?(admitted: TAdmitted): void;
}

export interface RefusalDetails {
  requestId: string;
  /** The request body, when it was read and is a JSON object. */
  body?: Partial<GraphQLRequestBody>;
  durationMs: number;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext, TAdmitted = undefined> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (DataLoaders live here). */
  context: (req: IncomingMessage, admitted: TAdmitted, requestId: string) => Promise<TContext>;
  admission?: HttpAdmission<TAdmitted>;
  /** Registers plugins (rate limits) on the GraphQL route's scope, after admission. */
  configure?: (app: FastifyInstance) => Promise<void>;
  /** Registers routes outside the GraphQL route's admission (the development explorer). */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  logger: Logger;
  /** Largest accepted request body; default 1 MiB (1,000 SSINs in variables take about 16 KiB). */
  bodyLimitBytes?: number;
  /**
   * Whether this server's own database answers: one of the checks of GET /health/ready (with those the process
   * registered: the audit store, the policy set); default none.
   */
  health?: () => Promise<boolean>;
  /** More for GET /health to report (the process's policy set: policies:reload reads it); default nothing. */
  status?: () => Record<string, unknown>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    requestId: string;
    admitted?: unknown;
    startedAt: number;
  }
}

const METHOD_NOT_ALLOWED = new HttpRefusal({
  status: 405,
  code: 'METHOD_NOT_ALLOWED',
  message: 'Send GraphQL operations with POST and a JSON body; GET is not accepted, so that no identifier ends up in a URL.',
  headers: { allow: 'POST' },
});

/**
 * Serves an ApolloServer at /graphql on Fastify: POST with a JSON body only,
 * a body limit, a /health probe for the process supervisor, and every refusal
 * answered as a GraphQL error with a stable code. Fastify rather than
 * hand-written node:http (decision 0015): it closes the connection after a
 * refusal that left a body unread, so the client's next request on a
 * keep-alive connection is not reset, and it parses JSON safely.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext, TAdmitted = undefined>(
  options: GraphQLHttpServerOptions<TContext, TAdmitted>,
): Promise<RunningHttpServer> {
  const { apollo, logger, admission } = options;
  await apollo.start();

  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // A slow client cannot hold a connection open indefinitely with a trickle of body.
    requestTimeout: 60_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  // JSON only: text/plain and form bodies are what a cross-site form or script can send without a preflight.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.decorateRequest('requestId', '');
  app.decorateRequest('admitted', undefined);
  app.decorateRequest('startedAt', 0);

  const refuse = async (request: FastifyRequest, reply: FastifyReply, refusal: HttpRefusal): Promise<FastifyReply> => {
    const admitted = (refusal.subject ?? request.admitted) as TAdmitted | undefined;
    const body = typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : undefined;
    if (admission?.refused && request.requestId) {
      await admission
        .refused(refusal, admitted, {
          requestId: request.requestId,
          ...(body ? { body: body as Partial<GraphQLRequestBody> } : {}),
          durationMs: Math.round(performance.now() - request.startedAt),
        })
        .catch((error: unknown) => logger.error({ requestId: request.requestId, ...describeError(error) }, 'refusal not recorded'));
    }
    if (request.requestId) reply.header('x-request-id', request.requestId);
    return reply.code(refusal.status).headers(refusal.headers).type('application/json; charset=utf-8').send(refusal.toBody());
  };

  app.setErrorHandler(async (error, request, reply) => {
    const refusal = refusalOfFrameworkError(error, options.bodyLimitBytes ?? 1024 * 1024);
    if (!refusal) {
      logger.error({ requestId: request.requestId, ...describeError(error) }, 'unhandled HTTP error');
      return reply
        .code(500)
        .type('application/json; charset=utf-8')
        .send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
    return refuse(request, reply, refusal);
  });

  app.setNotFoundHandler(async (_request, reply) =>
    reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send({
        errors: [{ message: 'Not found: the GraphQL endpoint is /graphql.', extensions: { code: 'BAD_REQUEST', reason: 'NOT_FOUND' } }],
      }),
  );

  // Probes for a supervisor and a load balancer (decision 0031). Live: the process answers (restart it if not).
  // Ready: it can serve, its database, the audit store and a valid policy set all available (send it traffic).
  // While the server closes, Fastify answers 503 to both, so a balancer stops sending before it is gone.
  const readiness = () => checkReadiness(options.health ? { database: options.health } : {});
  app.get('/health/live', async (_request, reply) => reply.send({ status: 'live' }));
  app.get('/health/ready', async (_request, reply) => {
    const { ready, checks } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
  // The status of the process (policy set, pid: npm run policies:reload reads it), with its readiness.
  app.get('/health', async (_request, reply) => {
    const { ready, checks } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks, ...options.status?.() });
  });

  // Every HTTP request counted, by route (the GraphQL endpoint, a probe, anything else) and status.
  app.addHook('onResponse', async (request, reply) => {
    const route =
      request.routeOptions.url === '/graphql' ? '/graphql' : request.routeOptions.url?.startsWith('/health') ? '/health' : 'other';
    httpRequests.inc({ route, status: String(reply.statusCode) });
    if (route === '/graphql') httpDuration.observe({ route }, reply.elapsedTime / 1000);
  });

  if (options.routes) await app.register(options.routes);
  await app.register(async (graphql) => {
    // The request's scope, entered before anything else runs for it: every log line written while it is served,
    // by any module, carries its id (a source replaces it with the gateway's once its token is checked).
    graphql.addHook('onRequest', (request, _reply, done) => {
      request.requestId = randomUUID();
      request.startedAt = performance.now();
      requestScope.run({ requestId: request.requestId }, done);
    });
    graphql.addHook('onRequest', async (request, reply) => {
      if (admission) {
        request.admitted = await admission.admit(request.raw, request.requestId);
        const admitted = request.admitted as TAdmitted;
        if (admission.finished) reply.raw.once('close', () => admission.finished!(admitted));
      }
      if (request.method !== 'POST') throw METHOD_NOT_ALLOWED;
    });
    if (options.configure) await options.configure(graphql);
    graphql.all('/graphql', async (request, reply) => {
      const body = readGraphQLRequestBody(request.body);
      if (admission?.check) await admission.check(request.admitted as TAdmitted, body, request.requestId);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body },
        context: () => options.context(request.raw, request.admitted as TAdmitted, request.requestId),
      });
      for (const [key, value] of response.headers) reply.header(key, value);
      reply.code(response.status ?? 200);
      if (response.body.kind === 'complete') return reply.send(response.body.string);
      return reply.send(Readable.from(response.body.asyncIterator));
    });
  });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    port,
    async stop() {
      await app.close();
      await apollo.stop();
    },
  };
}
