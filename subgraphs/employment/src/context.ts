import type { ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';
import { createEmployerCache, employerCacheOptionsFromEnv } from './employerCache.js';
import { createLoaders, type EmploymentLoaders } from './loaders.js';

export interface EmploymentContext {
  loaders: EmploymentLoaders;
}

export function contextFactory(client: MongoClient, serverKind: ServerKind): () => Promise<EmploymentContext> {
  const employers = createEmployerCache(employerCacheOptionsFromEnv());
  return async () => ({ loaders: createLoaders(client, serverKind, employers) });
}
