import DataLoader from 'dataloader';
import { collections, type EmployerDoc, type EmploymentDoc, type QuarterlyDeclarationDoc } from '@crossroads/db';
import { findManyByKey, findOneEachByKey, type ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';

export interface EmploymentLoaders {
  employmentsBySsin: DataLoader<string, EmploymentDoc[]>;
  declarationsBySsin: DataLoader<string, QuarterlyDeclarationDoc[]>;
  employerById: DataLoader<string, EmployerDoc | null>;
}

/** One set per request, so that nothing read for one partner is served to another. */
export function createLoaders(client: MongoClient, serverKind: ServerKind): EmploymentLoaders {
  const db = client.db(collections.employments.database);
  const employments = db.collection<EmploymentDoc>(collections.employments.name);
  const declarations = db.collection<QuarterlyDeclarationDoc>(collections.quarterlyDeclarations.name);
  const employers = db.collection<EmployerDoc>(collections.employers.name);
  const options = { maxBatchSize: 1000 };
  return {
    employmentsBySsin: new DataLoader((ssins) => findManyByKey(employments, 'ssin', ssins, serverKind), options),
    declarationsBySsin: new DataLoader((ssins) => findManyByKey(declarations, 'ssin', ssins, serverKind), options),
    employerById: new DataLoader((ids) => findOneEachByKey(employers, '_id', ids, serverKind), options),
  };
}
