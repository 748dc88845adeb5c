import { collections } from '@crossroads/db';
import { pingHealth, startSubgraphServer, type SubgraphDefinition } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const unemploymentSubgraph: SubgraphDefinition = {
  name: 'unemployment',
  defaultPort: 4003,
  start: ({ client, serverKind, logger, port, host }) =>
    startSubgraphServer({
      name: 'unemployment',
      typeDefs,
      resolvers,
      context: contextFactory(client, serverKind),
      logger,
      port,
      ...(host ? { host } : {}),
      health: pingHealth(client.db(collections.unemploymentPayments.database)),
    }),
};
