import { startSubgraphServer, type PolicyStore, type SubgraphDefinition } from '@crossroads/shared';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export interface AuthorizationsContext {
  policies: PolicyStore;
}

/** The committee's register: tells a partner what it may ask. Reads the policy set, no database. */
export const authorizationsSubgraph: SubgraphDefinition = {
  name: 'authorizations',
  defaultPort: 4004,
  database: false,
  start: ({ access, logger, port, host }) =>
    startSubgraphServer<AuthorizationsContext>({
      name: 'authorizations',
      typeDefs,
      resolvers,
      context: async () => ({ policies: access.policies }),
      access,
      // The committee's register is public and names no person: nothing to record.
      audit: null,
      logger,
      port,
      ...(host ? { host } : {}),
    }),
};
