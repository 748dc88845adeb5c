import type { Db, MongoClient } from 'mongodb';
import { checkSettings, readSettings } from '../config/readSettings.js';
import { exitOnStartFailure } from '../config/exitOnStartFailure.js';
import type { ProcessName } from '../config/settings.js';
import { createLogger, type Logger } from '../logger.js';
import { connectMongo, mongoUriFromEnv } from '../mongo/connectMongo.js';
import { detectServerKind, type ServerKind } from '../mongo/serverKind.js';
import type { RunningHttpServer } from '../http/startGraphQLHttpServer.js';
import { subgraphAccessFromEnv, type SubgraphAccess } from './subgraphAccess.js';
import { auditTrailFromEnv, type AuditTrail } from '../audit/auditTrail.js';
import { auditSigningKeyFromEnv } from '../audit/checkpoints/auditKeys.js';
import { createDirectoryReader, type DirectoryReader } from '../directory/createDirectoryReader.js';
import { startServiceTelemetry } from '../telemetry/startServiceTelemetry.js';

export interface SubgraphDependencies {
  /** Absent for a subgraph that keeps no data of its own (`database: false`). */
  mongo?: { client: MongoClient; serverKind: ServerKind };
  access: SubgraphAccess;
  /** Where releases of personal data are recorded; null for a subgraph without a database (it serves none). */
  audit: AuditTrail | null;
  /** The reference directory (DIRECTORY_MONGODB_URI, default the subgraph's own database server); absent without a database. */
  directory?: DirectoryReader;
  logger: Logger;
  port: number;
  host?: string;
}

export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  /** Whether it reads a MongoDB database (default true). */
  database?: boolean;
  /** Where that database is, from the environment; default MONGODB_URI. */
  mongoUri?: (env: NodeJS.ProcessEnv) => string | undefined;
  start(deps: SubgraphDependencies): Promise<RunningHttpServer>;
}

/** The MongoDB connection of a subgraph that declared it needs one. */
export function requireMongo(deps: SubgraphDependencies): { client: MongoClient; serverKind: ServerKind } {
  if (!deps.mongo) throw new Error('This subgraph reads a database: start it with a MongoClient.');
  return deps.mongo;
}

/**
 * The `main` of every subgraph process: configuration from the environment
 * (MONGODB_URI, PORT, HOST, GATEWAY_PUBLIC_KEY, AUTHZ_POLICY_DIR), one
 * MongoClient for the process, policies reloaded on SIGHUP, and a clean stop on
 * SIGINT/SIGTERM so that in-flight requests finish.
 */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  // Every setting this subgraph reads, before anything else (the logger reads LOG_LEVEL): all problems at once.
  try {
    checkSettings(definition.name as ProcessName);
  } catch (error) {
    exitOnStartFailure(definition.name, error);
  }
  const logger = createLogger(definition.name);
  try {
    const access = subgraphAccessFromEnv(definition.name, logger);
    let client: MongoClient | undefined;
    let mongo: SubgraphDependencies['mongo'];
    let audit: Awaited<ReturnType<typeof auditTrailFromEnv>> | undefined;
    let directory: DirectoryReader | undefined;
    let directoryClient: MongoClient | undefined;
    if (definition.database !== false) {
      // Its checkpoint key is checked before connecting: a missing or development key stops the start at once.
      auditSigningKeyFromEnv();
      const uri = definition.mongoUri?.(process.env) ?? mongoUriFromEnv();
      client = await connectMongo(uri, `crossroads-${definition.name}`);
      mongo = { client, serverKind: await detectServerKind(client) };
      audit = await auditTrailFromEnv(definition.name);
      const directoryUri = readSettings(['DIRECTORY_MONGODB_URI']).DIRECTORY_MONGODB_URI;
      if (directoryUri && directoryUri !== uri)
        directoryClient = await connectMongo(directoryUri, `crossroads-${definition.name}-directory`);
      const readFrom = directoryClient ?? client;
      directory = createDirectoryReader(readFrom, directoryClient ? await detectServerKind(directoryClient) : mongo.serverKind);
    }
    // Metrics and readiness checks before the server listens: it is never reported ready without them.
    const telemetry = await startServiceTelemetry({
      service: definition.name,
      logger,
      policies: access.policies,
      ...(client ? { sourceClient: client } : {}),
      ...(audit ? { auditClient: audit.client } : {}),
    });
    const { PORT, HOST } = readSettings(['PORT', 'HOST']);
    const server = await definition.start({
      ...(mongo ? { mongo } : {}),
      audit: audit?.trail ?? null,
      ...(directory ? { directory } : {}),
      access,
      logger,
      port: PORT ?? definition.defaultPort,
      host: HOST,
    });
    logger.info({ url: server.url, serverKind: mongo?.serverKind, policyVersion: access.policies.status().version }, 'subgraph listening');
    const stop = async (signal: string) => {
      logger.info({ signal }, 'stopping');
      await server.stop();
      await audit?.close();
      await directoryClient?.close();
      await client?.close();
      await telemetry.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    exitOnStartFailure(definition.name, error, logger);
  }
}

/** A health probe that says whether the source's database answers. */
export function pingHealth(db: Db): () => Promise<boolean> {
  return async () => {
    await db.command({ ping: 1 });
    return true;
  };
}
