import { collections } from '@crossroads/db';
import { defineSourceSubgraph } from '@crossroads/shared';
import { contextFactory } from './context.js';
import { resolvers } from './resolvers.js';
import { typeDefs } from './typeDefs.js';

export const employmentSubgraph = defineSourceSubgraph({
  name: 'employment',
  defaultPort: 4002,
  typeDefs,
  resolvers,
  database: collections.employments.database,
  context: contextFactory,
});
