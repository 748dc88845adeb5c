import type { AddressDoc, PersonDoc } from '@crossroads/db';
import { badUserInput, isWithin, scalarResolvers, todayInBelgium } from '@crossroads/shared';
import type { PersonsContext } from './context.js';

const MAX_ADDRESS_HISTORY = 100;

/** A Person as the gateway refers to it: just its key until the register has been read. */
type PersonRef = { ssin: string } | PersonDoc;

async function load(person: PersonRef, context: PersonsContext): Promise<PersonDoc | null> {
  return '_id' in person ? person : context.loaders.personBySsin.load(person.ssin);
}

/** Reads one field of the register document, loading it (batched) when the gateway sent only the key. */
function field<T>(pick: (doc: PersonDoc) => T) {
  return async (person: PersonRef, _args: unknown, context: PersonsContext) => {
    const doc = await load(person, context);
    return doc ? pick(doc) : null;
  };
}

export const resolvers = {
  ...scalarResolvers,
  Query: {
    person: (_: unknown, { ssin }: { ssin: string }, context: PersonsContext) => context.loaders.personBySsin.load(ssin),
    persons: async (_: unknown, { ssins }: { ssins: string[] }, context: PersonsContext) => {
      if (ssins.length > context.maxBatch) {
        throw badUserInput(`persons takes at most ${context.maxBatch} SSINs a call; ${ssins.length} were given.`, 'PERSONS_BATCH_SIZE');
      }
      return context.loaders.personBySsin.loadMany(ssins).then((results) =>
        results.map((result) => {
          if (result instanceof Error) throw result;
          return result;
        }),
      );
    },
  },
  Person: {
    __resolveReference: (ref: { ssin: string }, context: PersonsContext) => context.loaders.personBySsin.load(ref.ssin),
    ssin: (person: PersonRef) => ('_id' in person ? person._id : person.ssin),
    register: field((doc) => doc.register),
    name: field((doc) => ({ lastName: doc.lastName, firstNames: doc.firstNames })),
    birthDate: field((doc) => doc.birthDate),
    birthPlace: field((doc) => doc.birthPlace),
    gender: field((doc) => doc.gender ?? 'UNKNOWN'),
    nationality: field((doc) => doc.nationality),
    civilStatus: field((doc) => doc.civilStatus),
    deathDate: field((doc) => doc.deathDate),
    address: async (person: PersonRef, { asOf }: { asOf?: string | null }, context: PersonsContext) => {
      const doc = await load(person, context);
      const day = asOf ?? todayInBelgium();
      return doc?.addresses.find((a: AddressDoc) => isWithin(day, a.validFrom, a.validTo)) ?? null;
    },
    addressHistory: async (person: PersonRef, { first }: { first: number }, context: PersonsContext) => {
      if (first < 0 || first > MAX_ADDRESS_HISTORY) {
        throw badUserInput(`addressHistory's first must be between 0 and ${MAX_ADDRESS_HISTORY}.`, 'PAGE_SIZE');
      }
      const doc = await load(person, context);
      return doc ? [...doc.addresses].reverse().slice(0, first) : [];
    },
  },
};
