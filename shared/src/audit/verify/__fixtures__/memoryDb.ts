// An in-memory stand-in for the few Db and Collection calls that verifyAuditLog and
// archiveExpired make, so that archival can be tested in unit tests. Each delete
// call is atomic: a multi-document delete cut short half-way is not modelled.
import type { Collection, Db, Document } from 'mongodb';

type Stored = Document & { _id: unknown };
type Condition = Partial<Record<'$lt' | '$lte' | '$gt' | '$gte' | '$in', unknown>>;

const isCondition = (value: unknown): value is Condition =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k.startsWith('$'));

function matches(doc: Stored, filter: Document): boolean {
  return Object.entries(filter).every(([field, wanted]) => {
    const value = doc[field] as string | number;
    if (!isCondition(wanted)) return value === wanted;
    return Object.entries(wanted).every(([op, arg]) => {
      const bound = arg as string | number;
      switch (op) {
        case '$lt':
          return value !== undefined && value < bound;
        case '$lte':
          return value !== undefined && value <= bound;
        case '$gt':
          return value !== undefined && value > bound;
        case '$gte':
          return value !== undefined && value >= bound;
        case '$in':
          return (arg as unknown[]).includes(value);
        default:
          throw new Error(`memoryDb: ${op} is not supported`);
      }
    });
  });
}

function project(doc: Stored, projection: Record<string, unknown> | undefined): Stored {
  if (!projection) return structuredClone(doc);
  const out: Stored = { _id: doc._id };
  for (const field of Object.keys(projection)) if (field in doc) out[field] = structuredClone(doc[field]);
  return out;
}

class MemoryCollection {
  readonly docs: Stored[] = [];

  find(filter: Document = {}, options: { projection?: Record<string, unknown> } = {}) {
    const found = this.docs.filter((d) => matches(d, filter)).map((d) => project(d, options.projection));
    return {
      toArray: async () => found,
      async *[Symbol.asyncIterator]() {
        yield* found;
      },
    };
  }

  async findOne(filter: Document = {}) {
    const found = this.docs.find((d) => matches(d, filter));
    return found ? structuredClone(found) : null;
  }

  async distinct(field: string) {
    return [...new Set(this.docs.map((d) => d[field]).filter((v) => v !== undefined))];
  }

  async countDocuments(filter: Document = {}) {
    return this.docs.filter((d) => matches(d, filter)).length;
  }

  async insertMany(docs: readonly Document[]) {
    for (const doc of docs) {
      if (this.docs.some((d) => d._id === doc._id)) throw new Error(`memoryDb: duplicate _id ${String(doc._id)}`);
      this.docs.push(structuredClone(doc) as Stored);
    }
    return { insertedCount: docs.length };
  }

  async updateOne(filter: Document, update: { $set: Document }) {
    const doc = this.docs.find((d) => matches(d, filter));
    if (doc) Object.assign(doc, structuredClone(update.$set));
    return { matchedCount: doc ? 1 : 0, modifiedCount: doc ? 1 : 0 };
  }

  async deleteOne(filter: Document) {
    const i = this.docs.findIndex((d) => matches(d, filter));
    if (i >= 0) this.docs.splice(i, 1);
    return { acknowledged: true, deletedCount: i >= 0 ? 1 : 0 };
  }

  async deleteMany(filter: Document = {}) {
    const before = this.docs.length;
    const kept = this.docs.filter((d) => !matches(d, filter));
    this.docs.splice(0, this.docs.length, ...kept);
    return { acknowledged: true, deletedCount: before - kept.length };
  }
}

export class MemoryDb {
  private readonly collections = new Map<string, MemoryCollection>();
  collection<T extends Document = Document>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new MemoryCollection()));
    return collection as unknown as Collection<T>;
  }

  /** The Db the code under test takes. */
  get db(): Db {
    return this as unknown as Db;
  }

  /** A copy of every collection, to start again from the same state. */
  snapshot(): Map<string, Stored[]> {
    return new Map([...this.collections].map(([name, c]) => [name, structuredClone(c.docs)]));
  }

  static from(snapshot: ReadonlyMap<string, Stored[]>): MemoryDb {
    const db = new MemoryDb();
    for (const [name, docs] of snapshot) (db.collection(name) as unknown as MemoryCollection).docs.push(...structuredClone(docs));
    return db;
  }
}
