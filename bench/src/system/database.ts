import fs from 'node:fs';
import { collections, startEmbeddedServer, type EmbeddedServer } from '@crossroads/db';
import { connectMongo } from '@crossroads/shared';
import { prepareDatabase } from '@crossroads/stack';

export interface BenchDatabase {
  mongoUri: string;
  postgresUrl?: string;
  persons: number;
  seedMs: number;
  /** Every SSIN of the population, one a line: requests draw from the whole population. */
  ssinsFile: string;
  ssins: string[];
  stop(): Promise<void>;
}

/**
 * A fresh throw-away database seeded with `persons` synthetic persons (the
 * embedded PostgreSQL + FerretDB, or the MongoDB at `mongoUri`, which must be empty).
 */
export async function startDatabase(options: {
  persons: number;
  seed: number;
  mongoUri?: string;
  workDir: string;
  onProgress: (message: string) => void;
}): Promise<BenchDatabase> {
  let embedded: EmbeddedServer | undefined;
  if (!options.mongoUri) {
    options.onProgress('starting the embedded database (PostgreSQL 15 + FerretDB)…');
    embedded = await startEmbeddedServer();
  }
  const mongoUri = options.mongoUri ?? embedded!.mongoUri;
  try {
    const started = performance.now();
    const { seeded } = await prepareDatabase({
      mongoUri,
      ...(embedded ? { postgresUrl: embedded.postgresUrl } : {}),
      persons: options.persons,
      seed: options.seed,
      onProgress: options.onProgress,
    });
    if (!seeded) throw new Error('the database already held persons: the bench needs an empty one');
    const seedMs = performance.now() - started;
    const ssins = await allSsins(mongoUri);
    const ssinsFile = `${options.workDir}/ssins-${options.persons}.txt`;
    fs.writeFileSync(ssinsFile, ssins.join('\n') + '\n');
    return {
      mongoUri,
      ...(embedded ? { postgresUrl: embedded.postgresUrl } : {}),
      persons: ssins.length,
      seedMs,
      ssinsFile,
      ssins,
      stop: async () => void (await embedded?.stop()),
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

async function allSsins(mongoUri: string): Promise<string[]> {
  const client = await connectMongo(mongoUri, 'crossroads-bench');
  try {
    const docs = await client
      .db(collections.persons.database)
      .collection<{ _id: string }>(collections.persons.name)
      .find({}, { projection: { _id: 1 } })
      .toArray();
    return docs.map((d) => d._id);
  } finally {
    await client.close();
  }
}
