import { collections } from '@crossroads/db';
import { defineSourceSubgraph } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const unemploymentSubgraph = defineSourceSubgraph({
  name: 'unemployment',
  defaultPort: 4003,
  typeDefs,
  resolvers,
  database: collections.unemploymentPayments.database,
  context: contextFactory,
});
