import DataLoader from 'dataloader';
import { collections, type UnemploymentFileDoc, type UnemploymentPaymentDoc } from '@crossroads/db';
import { findManyByKey, findOneEachByKey, type ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';

export interface UnemploymentLoaders {
  paymentsBySsin: DataLoader<string, UnemploymentPaymentDoc[]>;
  fileBySsin: DataLoader<string, UnemploymentFileDoc | null>;
}

/** One set per request, so that nothing read for one partner is served to another. */
export function createLoaders(client: MongoClient, serverKind: ServerKind): UnemploymentLoaders {
  const db = client.db(collections.unemploymentPayments.database);
  const payments = db.collection<UnemploymentPaymentDoc>(collections.unemploymentPayments.name);
  const files = db.collection<UnemploymentFileDoc>(collections.unemploymentFiles.name);
  const options = { maxBatchSize: 1000 };
  return {
    paymentsBySsin: new DataLoader((ssins) => findManyByKey(payments, 'ssin', ssins, serverKind), options),
    fileBySsin: new DataLoader((ssins) => findOneEachByKey(files, '_id', ssins, serverKind), options),
  };
}
