import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { toPublicError, startGraphQLHttpServer, describeError, type Logger, type RunningHttpServer } from '@crossroads/shared';
import { subgraphs, type SubgraphName } from './composeSupergraph.js';
import { SourceDataSource } from './SourceDataSource.js';
import { readSupergraph } from './supergraphFile.js';
import { validateIdentifierInputs } from './validateIdentifierInputs.js';

export interface GatewayOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Where each source listens; defaults are those written in the supergraph. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Longest wait for one subgraph call; default 5,000 ms. */
  subgraphTimeoutMs?: number;
  /** Composed supergraph SDL; default gateway/supergraph.graphql. */
  supergraphSdl?: string;
}

export interface GatewayContext {
  requestId: string;
}

/**
 * The single endpoint partners call. It plans each query over the supergraph
 * composed at build time (never by introspecting the subgraphs at run time) and
 * joins the sources on the SSIN and the enterprise number.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  const timeoutMs = options.subgraphTimeoutMs ?? 5_000;
  const defaultUrls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as Record<SubgraphName, string>;
  const urls = { ...defaultUrls, ...options.subgraphUrls };
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name }) => new SourceDataSource({ name, url: urls[name as SubgraphName], timeoutMs, logger }),
    logger: { debug: () => {}, info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    plugins: [validateIdentifierInputs()],
    formatError: (formatted, error) =>
      toPublicError(formatted, error, () => {
        logger.error(describeError(error), 'request failed');
        return { message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }),
    logger: { debug: () => {}, info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  return startGraphQLHttpServer({
    apollo,
    context: async (req) => ({ requestId: typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID() }),
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    logger,
  });
}
