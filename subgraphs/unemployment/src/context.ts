import type { ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';
import { createLoaders, type UnemploymentLoaders } from './loaders.js';

export interface UnemploymentContext {
  loaders: UnemploymentLoaders;
}

export function contextFactory(client: MongoClient, serverKind: ServerKind): () => Promise<UnemploymentContext> {
  return async () => ({ loaders: createLoaders(client, serverKind) });
}
