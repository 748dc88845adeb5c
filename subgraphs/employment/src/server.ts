import { collections } from '@crossroads/db';
import { pingHealth, requireMongo, startSubgraphServer, type SubgraphDefinition } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const employmentSubgraph: SubgraphDefinition = {
  name: 'employment',
  defaultPort: 4002,
  start: (deps) => {
    const { client, serverKind } = requireMongo(deps);
    const { access, audit, logger, port, host } = deps;
    return startSubgraphServer({
      name: 'employment',
      typeDefs,
      resolvers,
      context: contextFactory(client, serverKind),
      access,
      audit,
      logger,
      port,
      ...(host ? { host } : {}),
      health: pingHealth(client.db(collections.employments.database)),
    });
  },
};
