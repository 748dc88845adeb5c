import { collections } from '@crossroads/db';
import { defineSourceSubgraph } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const personsSubgraph = defineSourceSubgraph({
  name: 'persons',
  defaultPort: 4001,
  typeDefs,
  resolvers,
  database: collections.persons.database,
  context: (client, serverKind) => contextFactory({ client, serverKind, maxBatch: Number(process.env.PERSONS_MAX_BATCH ?? 1000) }),
});
