import { collections } from '@crossroads/db';
import { pingHealth, requireMongo, startSubgraphServer, type SubgraphDefinition } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const personsSubgraph: SubgraphDefinition = {
  name: 'persons',
  defaultPort: 4001,
  start: (deps) => {
    const { client, serverKind } = requireMongo(deps);
    const { access, audit, logger, port, host } = deps;
    return startSubgraphServer({
      name: 'persons',
      typeDefs,
      resolvers,
      context: contextFactory({ client, serverKind, maxBatch: Number(process.env.PERSONS_MAX_BATCH ?? 1000) }),
      access,
      audit,
      logger,
      port,
      ...(host ? { host } : {}),
      health: pingHealth(client.db(collections.persons.database)),
    });
  },
};
