import { analyzeFerretDbTables, ensureIndexes, isSeeded, seedDatabase } from '@crossroads/db';
import { connectMongo } from '@crossroads/shared';

export interface PrepareOptions {
  mongoUri: string;
  /** Set for the embedded server: adds FerretDB's GIN indexes and refreshes PostgreSQL's statistics. */
  postgresUrl?: string;
  /** Seed an empty database with this many synthetic persons. */
  persons: number;
  seed: number;
  onProgress?: (message: string) => void;
}

/** Seeds an empty database and makes sure every index the request paths need exists. Never touches a seeded one's data. */
export async function prepareDatabase(options: PrepareOptions): Promise<{ seeded: boolean }> {
  const client = await connectMongo(options.mongoUri, 'crossroads-setup');
  try {
    const seeded = !(await isSeeded(client));
    if (seeded) {
      options.onProgress?.(`seeding ${options.persons.toLocaleString('en')} persons (seed ${options.seed})…`);
      await seedDatabase(client, {
        persons: options.persons,
        seed: options.seed,
        ...(options.onProgress
          ? { onProgress: (p: { persons: number }) => options.onProgress!(`  ${p.persons.toLocaleString('en')} persons`) }
          : {}),
      });
    }
    await ensureIndexes(client, options.postgresUrl ? { postgresUrl: options.postgresUrl } : {});
    if (options.postgresUrl && seeded) await analyzeFerretDbTables(options.postgresUrl);
    return { seeded };
  } finally {
    await client.close();
  }
}
