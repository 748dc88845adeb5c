import { pingHealth, requireMongo, startSubgraphServer, type PolicyStore, type SubgraphDefinition } from '@crossroads/shared';
import { createDirectoryStore, type DirectoryStore } from './directoryStore.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export interface DirectoryContext {
  store: DirectoryStore;
  /** Capacities and partners (names, what each may register) come from the committee's policy set. */
  policies: PolicyStore;
}

/**
 * The reference directory: which institution holds a file on which person, in
 * which capacity, for which periods. Partners register and end their own
 * entries and list them; the security officer and the citizen read who follows
 * a person. Its database is DIRECTORY_MONGODB_URI (default MONGODB_URI), which
 * the gateway and the sources read to enforce authorizations of scope
 * `followed`. What it writes and returns names persons, so it records its
 * releases in the audit trail like any source.
 */
export const directorySubgraph: SubgraphDefinition = {
  name: 'directory',
  defaultPort: 4006,
  mongoUri: (env) => env.DIRECTORY_MONGODB_URI || env.MONGODB_URI,
  start: (deps) => {
    const { client, serverKind } = requireMongo(deps);
    const store = createDirectoryStore(client, serverKind);
    return startSubgraphServer<DirectoryContext>({
      name: 'directory',
      typeDefs,
      resolvers,
      context: async () => ({ store, policies: deps.access.policies }),
      access: deps.access,
      audit: deps.audit,
      directory: deps.directory ?? null,
      logger: deps.logger,
      port: deps.port,
      ...(deps.host ? { host: deps.host } : {}),
      health: pingHealth(store.db),
    });
  },
};
