import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import { startGraphQLHttpServer, type RunningHttpServer } from '../http/startGraphQLHttpServer.js';
import { describeError, type Logger } from '../logger.js';
import { toPublicError } from '../publicError.js';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** The authentic source's name, as the supergraph knows it (`persons`, …). */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  logger: Logger;
  port: number;
  host?: string;
  health?: () => Promise<boolean>;
}

/**
 * Starts one authentic source as a federation subgraph over HTTP. Errors that
 * are not ours to explain (a database that stopped answering, a bug) leave the
 * process as SOURCE_UNAVAILABLE naming the source, and are logged here without
 * the request's variables.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { name, logger } = options;
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]),
    includeStacktraceInErrorResponses: false,
    // Federated traces would send resolver timings to the gateway on every call; we have no use for them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    formatError: (formatted, error) =>
      toPublicError(formatted, error, () => {
        logger.error({ ...describeError(error), path: formatted.path }, 'request failed');
        return {
          message: `The ${name} source failed to answer.`,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: 'SOURCE_UNAVAILABLE', source: name },
        };
      }),
    logger: {
      debug: () => {},
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  return startGraphQLHttpServer({
    apollo,
    context: options.context,
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    logger,
    ...(options.health ? { health: options.health } : {}),
  });
}
