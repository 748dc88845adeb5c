import { pingHealth, requireMongo, startSubgraphServer, type PolicyStore, type SubgraphDefinition } from '@crossroads/shared';
import { auditDb, createAuditStore, type AuditStore } from './auditStore.js';
import { createListingCache, type ListingCache } from './listingCache.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export interface AuditContext {
  store: AuditStore;
  /** One per process: the days a walk through the partner view read, for its next pages. */
  listings: ListingCache;
  /** The partner register names the partners in a citizen's access log. */
  policies: PolicyStore;
}

/**
 * The audit trail, read: the security officer's view of it and the citizens'
 * access logs. Its database is the audit store (AUDIT_MONGODB_URI, else
 * MONGODB_URI), and, since what it returns names persons, it records its own
 * releases there like any source.
 */
export const auditSubgraph: SubgraphDefinition = {
  name: 'audit',
  defaultPort: 4005,
  mongoUri: (env) => env.AUDIT_MONGODB_URI ?? env.MONGODB_URI,
  start: (deps) => {
    const { client, serverKind } = requireMongo(deps);
    const db = auditDb(client);
    const store = createAuditStore(db, serverKind);
    const listings = createListingCache();
    return startSubgraphServer<AuditContext>({
      name: 'audit',
      typeDefs,
      resolvers,
      context: async () => ({ store, listings, policies: deps.access.policies }),
      access: deps.access,
      audit: deps.audit,
      logger: deps.logger,
      port: deps.port,
      ...(deps.host ? { host: deps.host } : {}),
      health: pingHealth(db),
    });
  },
};
