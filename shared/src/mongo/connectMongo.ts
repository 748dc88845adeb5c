import { MongoClient, type MongoClientOptions } from 'mongodb';

/** Reads MONGODB_URI, or fails with a message that says what to set. */
export function mongoUriFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const uri = env.MONGODB_URI;
  if (!uri) {
    throw new Error('MONGODB_URI is not set: point it at the MongoDB (or FerretDB) server that holds the authentic sources.');
  }
  return uri;
}

export async function connectMongo(uri: string, appName: string, options: MongoClientOptions = {}): Promise<MongoClient> {
  const client = new MongoClient(uri, {
    appName,
    // A request waits at most this long for a connection or a server; beyond it the
    // source is reported unavailable instead of hanging the partner's request.
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 100,
    ...options,
  });
  await client.connect();
  return client;
}
