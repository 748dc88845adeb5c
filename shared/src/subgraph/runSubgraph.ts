import type { Db, MongoClient } from 'mongodb';
import { createLogger, describeError, type Logger } from '../logger.js';
import { connectMongo, mongoUriFromEnv } from '../mongo/connectMongo.js';
import { detectServerKind, type ServerKind } from '../mongo/serverKind.js';
import type { RunningHttpServer } from '../http/startGraphQLHttpServer.js';

export interface SubgraphDependencies {
  client: MongoClient;
  serverKind: ServerKind;
  logger: Logger;
  port: number;
  host?: string;
}

export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  start(deps: SubgraphDependencies): Promise<RunningHttpServer>;
}

/**
 * The `main` of every subgraph process: configuration from the environment
 * (MONGODB_URI, PORT, HOST), one MongoClient for the process, and a clean stop
 * on SIGINT/SIGTERM so that in-flight requests finish.
 */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const logger = createLogger(definition.name);
  try {
    const client = await connectMongo(mongoUriFromEnv(), `crossroads-${definition.name}`);
    const serverKind = await detectServerKind(client);
    const port = process.env.PORT ? Number(process.env.PORT) : definition.defaultPort;
    const server = await definition.start({ client, serverKind, logger, port, ...(process.env.HOST ? { host: process.env.HOST } : {}) });
    logger.info({ url: server.url, serverKind }, 'subgraph listening');
    const stop = async (signal: string) => {
      logger.info({ signal }, 'stopping');
      await server.stop();
      await client.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    logger.fatal(describeError(error), 'subgraph failed to start');
    process.exit(1);
  }
}

/** A health probe that says whether the source's database answers. */
export function pingHealth(db: Db): () => Promise<boolean> {
  return async () => {
    await db.command({ ping: 1 });
    return true;
  };
}
