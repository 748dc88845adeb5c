import { collections, type EmploymentDoc, type PersonDoc, type QuarterlyDeclarationDoc, type UnemploymentPaymentDoc } from '@crossroads/db';
import { MongoClient } from 'mongodb';

/**
 * Reads the authentic sources directly, so that tests compare what the gateway
 * answers with what is stored rather than with numbers copied into the test.
 */
export async function withSources<T>(mongoUri: string, read: (sources: Sources) => Promise<T>): Promise<T> {
  const client = new MongoClient(mongoUri);
  await client.connect();
  try {
    return await read(new Sources(client));
  } finally {
    await client.close();
  }
}

export class Sources {
  constructor(private readonly client: MongoClient) {}

  person(ssin: string) {
    return this.client.db(collections.persons.database).collection<PersonDoc>(collections.persons.name).findOne({ _id: ssin });
  }

  employments(ssin: string) {
    return this.client
      .db(collections.employments.database)
      .collection<EmploymentDoc>(collections.employments.name)
      .find({ ssin })
      .toArray();
  }

  payments(ssin: string) {
    return this.client
      .db(collections.unemploymentPayments.database)
      .collection<UnemploymentPaymentDoc>(collections.unemploymentPayments.name)
      .find({ ssin })
      .toArray();
  }

  declarations(ssin: string) {
    return this.client
      .db(collections.quarterlyDeclarations.database)
      .collection<QuarterlyDeclarationDoc>(collections.quarterlyDeclarations.name)
      .find({ ssin })
      .toArray();
  }

  /** Someone with a declaration for this quarter, or null. */
  async someoneDeclaredIn(year: number, quarter: number): Promise<string | null> {
    const doc = await this.client
      .db(collections.quarterlyDeclarations.database)
      .collection<QuarterlyDeclarationDoc>(collections.quarterlyDeclarations.name)
      .findOne({ year, quarter: quarter as QuarterlyDeclarationDoc['quarter'] });
    return doc?.ssin ?? null;
  }

  /** Someone paid for this month (`YYYY-MM`), or null. */
  async someonePaidIn(month: string): Promise<string | null> {
    const doc = await this.client
      .db(collections.unemploymentPayments.database)
      .collection<UnemploymentPaymentDoc>(collections.unemploymentPayments.name)
      .findOne({ month });
    return doc?.ssin ?? null;
  }

  /** Some SSINs of the seeded population, in storage order. */
  async someSsins(count: number): Promise<string[]> {
    const docs = await this.client
      .db(collections.persons.database)
      .collection<PersonDoc>(collections.persons.name)
      .find({}, { projection: { _id: 1 } })
      .limit(count)
      .toArray();
    return docs.map((d) => d._id);
  }
}
