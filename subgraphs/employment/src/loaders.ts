import DataLoader from 'dataloader';
import { collections, type EmployerDoc, type EmploymentDoc, type QuarterlyDeclarationDoc } from '@crossroads/db';
import { findManyByKey, findOneEachByKey, type ServerKind } from '@crossroads/shared';
import type { MongoClient } from 'mongodb';
import { employersThroughCache, type EmployerCache } from './employerCache.js';

export interface EmploymentLoaders {
  employmentsBySsin: DataLoader<string, EmploymentDoc[]>;
  declarationsBySsin: DataLoader<string, QuarterlyDeclarationDoc[]>;
  employerById: DataLoader<string, EmployerDoc | null>;
}

/**
 * One set per request, so that nothing read for one partner is served to
 * another; only employers, public register data, also go through the
 * process-wide cache when one is given.
 */
export function createLoaders(client: MongoClient, serverKind: ServerKind, employerCache: EmployerCache | null = null): EmploymentLoaders {
  const db = client.db(collections.employments.database);
  const employments = db.collection<EmploymentDoc>(collections.employments.name);
  const declarations = db.collection<QuarterlyDeclarationDoc>(collections.quarterlyDeclarations.name);
  const employers = db.collection<EmployerDoc>(collections.employers.name);
  const options = { maxBatchSize: 1000 };
  return {
    employmentsBySsin: new DataLoader((ssins) => findManyByKey(employments, 'ssin', ssins, serverKind), options),
    declarationsBySsin: new DataLoader((ssins) => findManyByKey(declarations, 'ssin', ssins, serverKind), options),
    employerById: new DataLoader(
      (ids) => employersThroughCache(ids, employerCache, (missing) => findOneEachByKey(employers, '_id', missing, serverKind)),
      options,
    ),
  };
}
