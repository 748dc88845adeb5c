import type { ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';
import { createLoaders, type PersonsLoaders } from './loaders.js';

export interface PersonsContext {
  loaders: PersonsLoaders;
  maxBatch: number;
}

export interface PersonsConfig {
  client: MongoClient;
  serverKind: ServerKind;
  /** Most SSINs one `persons` call may ask for; PERSONS_MAX_BATCH, default 1,000. */
  maxBatch: number;
}

export function contextFactory(config: PersonsConfig): () => Promise<PersonsContext> {
  return async () => ({ loaders: createLoaders(config.client, config.serverKind), maxBatch: config.maxBatch });
}
