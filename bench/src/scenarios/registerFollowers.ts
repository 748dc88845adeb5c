import { partnerHeaders } from '../claims.js';
import type { BenchDatabase } from '../system/database.js';
import { startOurGateway, startSubgraphs } from '../system/ourServices.js';

/** How one population was registered in the reference directory before it was measured. */
export interface DirectoryRegistration {
  persons: number;
  entries: number;
  batches: number;
  batchSize: number;
  ms: number;
  entriesPerSecond: number;
}

const BATCH = 10_000;
const FOLLOW_MANY = `mutation Integrate($ssins: [String!]!) {
  followMany(capacity: "UNEMPLOYMENT_FILE", from: "2000-01-01", ssins: $ssins) { total created extended unchanged invalid duplicates }
}`;

/**
 * The bench's partner (CAPAC, authorization ISC/24/017, scope `followed`)
 * follows only the persons it holds a file on; the bench reads anyone. So the
 * partner first registers the whole population, through the gateway, in
 * batches of 10,000 (`followMany`), as a fund integrates its files — and that
 * is measured: registrations per second, everything on.
 */
export async function registerFollowers(db: BenchDatabase, logDir: string): Promise<DirectoryRegistration> {
  const subgraphs = await startSubgraphs(db.mongoUri, [], logDir);
  try {
    const gateway = await startOurGateway(subgraphs, [], logDir);
    try {
      const headers = { 'content-type': 'application/json', ...(await partnerHeaders()) };
      const started = performance.now();
      let entries = 0;
      let batches = 0;
      for (let i = 0; i < db.ssins.length; i += BATCH) {
        const ssins = db.ssins.slice(i, i + BATCH);
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: FOLLOW_MANY, variables: { ssins } }),
        });
        const body = (await response.json()) as { data?: { followMany: { total: number; invalid: number } }; errors?: unknown };
        if (!body.data || body.errors || body.data.followMany.invalid > 0) {
          throw new Error(`registering the population failed at batch ${batches + 1}: ${JSON.stringify(body.errors ?? body.data)}`);
        }
        entries += body.data.followMany.total;
        batches++;
      }
      const ms = performance.now() - started;
      return { persons: db.ssins.length, entries, batches, batchSize: BATCH, ms, entriesPerSecond: entries / (ms / 1000) };
    } finally {
      await gateway.process.stop();
    }
  } finally {
    await subgraphs.stop();
  }
}
