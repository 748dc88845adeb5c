import { collections } from '@crossroads/db';
import { pingHealth, startSubgraphServer, type SubgraphDefinition } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const personsSubgraph: SubgraphDefinition = {
  name: 'persons',
  defaultPort: 4001,
  start: ({ client, serverKind, logger, port, host }) =>
    startSubgraphServer({
      name: 'persons',
      typeDefs,
      resolvers,
      context: contextFactory({ client, serverKind, maxBatch: Number(process.env.PERSONS_MAX_BATCH ?? 1000) }),
      logger,
      port,
      ...(host ? { host } : {}),
      health: pingHealth(client.db(collections.persons.database)),
    }),
};
