import type { Collection, Document, MongoClient } from 'mongodb';
import { collections } from '../layout.js';
import { directoryEntryId, partnerPageOf, type DirectoryCounterDoc, type DirectoryEntryDoc } from '@crossroads/shared';
import { directoryEntriesOf, type SeedEntry } from './directoryEntries.js';
import { generatePopulation, type PersonBundle } from './generatePopulation.js';

export type SeededCollection = keyof typeof collections;

export interface SeedProgress {
  /** Persons written (or buffered for writing) so far. */
  persons: number;
  totalPersons: number;
  elapsedMs: number;
}

export interface SeedOptions {
  /** Persons in all, the four reference persons included. */
  persons: number;
  seed: number;
  /** Documents per `insertMany`, per collection; default 1,000. */
  batchSize?: number;
  /** Called every `progressEvery` persons (default 10,000) and once at the end. */
  onProgress?: (progress: SeedProgress) => void;
  progressEvery?: number;
}

export interface SeedSummary {
  documents: Record<SeededCollection, number>;
  elapsedMs: number;
}

/** Whether the persons register holds any document: the seed only ever fills an empty database. */
export async function isSeeded(client: MongoClient): Promise<boolean> {
  const persons = client.db(collections.persons.database).collection(collections.persons.name);
  return (await persons.findOne({}, { projection: { _id: 1 } })) !== null;
}

/**
 * Buffers one collection's documents and writes them in batches. At most one
 * batch per collection is in flight while the next one fills, so generation
 * and writing overlap and memory stays at about two batches per collection.
 */
class BatchWriter {
  private buffer: Document[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  written = 0;

  constructor(
    private readonly collection: Collection,
    private readonly batchSize: number,
  ) {}

  async add(doc: Document): Promise<void> {
    this.buffer.push(doc);
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    // Wait for the previous batch first: memory stays bounded, and its failure surfaces here.
    await this.settle();
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    // Unordered: the server may write the batch in any order, which is faster and fine for fresh documents.
    // The failure is kept, not left as a rejected promise nobody awaits yet (Node would end the process).
    this.inFlight = this.collection.insertMany(batch, { ordered: false }).then(
      (result) => void (this.written += result.insertedCount),
      (error: unknown) => void (this.failure = error),
    );
  }

  async close(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  private async settle(): Promise<void> {
    await this.inFlight;
    if (this.failure !== null) throw this.failure;
  }
}

/**
 * Writes a generated population into the collections of `layout.ts`, which
 * must be empty. Does not create indexes: `ensureIndexes` (db/src/indexes.ts)
 * does that, after the data is in.
 */
export async function seedDatabase(client: MongoClient, options: SeedOptions): Promise<SeedSummary> {
  if (await isSeeded(client)) throw new Error('The persons register already holds documents: the seed only fills an empty database.');
  const started = performance.now();
  const batchSize = options.batchSize ?? 1_000;
  const every = options.progressEvery ?? 10_000;
  const writer = (key: SeededCollection) =>
    new BatchWriter(client.db(collections[key].database).collection(collections[key].name), batchSize);
  const writers: Record<SeededCollection, BatchWriter> = {
    persons: writer('persons'),
    employers: writer('employers'),
    employments: writer('employments'),
    quarterlyDeclarations: writer('quarterlyDeclarations'),
    unemploymentPayments: writer('unemploymentPayments'),
    unemploymentFiles: writer('unemploymentFiles'),
    directoryEntries: writer('directoryEntries'),
    directoryCounters: writer('directoryCounters'),
  };
  const directory = new DirectoryNumbering();
  const population = generatePopulation({ persons: options.persons, seed: options.seed });
  for (const employer of population.employers) await writers.employers.add(employer);

  let persons = 0;
  const totalPersons = Math.max(options.persons, 4);
  const progress = () => options.onProgress?.({ persons, totalPersons, elapsedMs: performance.now() - started });
  for (const bundle of population.persons) {
    await writeBundle(writers, bundle, directory);
    if (++persons % every === 0) progress();
  }
  for (const counter of directory.counters()) await writers.directoryCounters.add(counter);
  for (const w of Object.values(writers)) await w.close();
  if (persons % every !== 0) progress();

  const documents = Object.fromEntries(Object.entries(writers).map(([key, w]) => [key, w.written])) as Record<SeededCollection, number>;
  return { documents, elapsedMs: performance.now() - started };
}

async function writeBundle(
  writers: Record<SeededCollection, BatchWriter>,
  bundle: PersonBundle,
  directory: DirectoryNumbering,
): Promise<void> {
  await writers.persons.add(bundle.person);
  for (const doc of bundle.employments) await writers.employments.add(doc);
  for (const doc of bundle.quarterlyDeclarations) await writers.quarterlyDeclarations.add(doc);
  for (const doc of bundle.unemploymentPayments) await writers.unemploymentPayments.add(doc);
  if (bundle.unemploymentFile) await writers.unemploymentFiles.add(bundle.unemploymentFile);
  for (const entry of directoryEntriesOf(bundle)) await writers.directoryEntries.add(directory.number(bundle.person._id, entry));
}

/** Numbers each partner's entries in the order they are written, as the directory subgraph does for new ones. */
class DirectoryNumbering {
  private readonly next = new Map<string, number>();

  number(ssin: string, entry: SeedEntry): DirectoryEntryDoc {
    const seq = this.next.get(entry.partnerId) ?? 0;
    this.next.set(entry.partnerId, seq + 1);
    return {
      _id: directoryEntryId(entry.partnerId, ssin, entry.capacity),
      partnerId: entry.partnerId,
      ssin,
      capacity: entry.capacity,
      seq,
      partnerPage: partnerPageOf(entry.partnerId, seq),
      periods: entry.periods.map((p) => ({ ...p, recordedAt: `${p.from}T00:00:00.000Z`, recordedBy: 'seed' })),
      version: 1,
      updatedAt: `${entry.periods.at(-1)!.from}T00:00:00.000Z`,
    };
  }

  counters(): DirectoryCounterDoc[] {
    return [...this.next].map(([partnerId, seq]) => ({ _id: partnerId, seq }));
  }
}
