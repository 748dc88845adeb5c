import { collections } from '@crossroads/db';
import { pingHealth, startSubgraphServer, type SubgraphDefinition } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const employmentSubgraph: SubgraphDefinition = {
  name: 'employment',
  defaultPort: 4002,
  start: ({ client, serverKind, logger, port, host }) =>
    startSubgraphServer({
      name: 'employment',
      typeDefs,
      resolvers,
      context: contextFactory(client, serverKind),
      logger,
      port,
      ...(host ? { host } : {}),
      health: pingHealth(client.db(collections.employments.database)),
    }),
};
