import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import type { MongoClient } from 'mongodb';
import type { ServerKind } from '../mongo/serverKind.js';
import type { AccessContext } from '../access/shieldMiddleware.js';
import { startSubgraphServer } from './createSubgraphServer.js';
import { pingHealth, requireMongo, type SubgraphDefinition } from './runSubgraph.js';

export interface SourceSubgraphSpec<TContext extends BaseContext> {
  name: string;
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext & AccessContext>;
  /** The database whose answer to `ping` is the source's health. */
  database: string;
  /** Builds the per-request context (its DataLoaders) over the source's database. */
  context: (client: MongoClient, serverKind: ServerKind) => () => Promise<TContext>;
}

/** An authentic source over a MongoDB database: the subgraph definition every such source shares. */
export function defineSourceSubgraph<TContext extends BaseContext>(spec: SourceSubgraphSpec<TContext>): SubgraphDefinition {
  return {
    name: spec.name,
    defaultPort: spec.defaultPort,
    start: (deps) => {
      const { client, serverKind } = requireMongo(deps);
      return startSubgraphServer({
        name: spec.name,
        typeDefs: spec.typeDefs,
        resolvers: spec.resolvers,
        context: spec.context(client, serverKind),
        access: deps.access,
        audit: deps.audit,
        directory: deps.directory ?? null,
        logger: deps.logger,
        port: deps.port,
        ...(deps.host ? { host: deps.host } : {}),
        health: pingHealth(client.db(spec.database)),
      });
    },
  };
}
