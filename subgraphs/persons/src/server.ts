import { collections } from '@crossroads/db';
import { defineSourceSubgraph, setting } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const personsSubgraph = defineSourceSubgraph({
  name: 'persons',
  defaultPort: 4001,
  typeDefs,
  resolvers,
  database: collections.persons.database,
  context: (client, serverKind) => contextFactory({ client, serverKind, maxBatch: setting('PERSONS_MAX_BATCH') }),
});
