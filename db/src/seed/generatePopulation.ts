import type {
  EmployerDoc,
  EmploymentDoc,
  FamilyCategory,
  PaymentInstitution,
  PersonDoc,
  QuarterlyDeclarationDoc,
  UnemploymentFileDoc,
  UnemploymentPaymentDoc,
} from '../layout.js';
import { parseIso } from './calendar.js';
import { simulateCareer } from './career.js';
import { quarterlyDeclarations } from './declarations.js';
import { createEmployers, employerCount, type EmployerRegistry } from './employers.js';
import { DimonaIds, employmentDocs } from './employment.js';
import type { Career } from './jobs.js';
import { BIS_SHARE, bisPerson, nationalRegisterPerson } from './person.js';
import { mixSeed, Random } from './prng.js';
import { REFERENCE_EMPLOYERS, REFERENCE_PERSONS } from './referencePersons.js';
import { SsinAllocator } from './ssinAllocator.js';
import { temporaryUnemployment } from './temporaryUnemployment.js';
import { unemploymentDocs } from './unemployment.js';

export interface PopulationOptions {
  /** Persons in all, the four reference persons included (who are always there, first, even when this is below 4). */
  persons: number;
  /** Any integer; the same persons and seed give byte-identical data. */
  seed: number;
}

/** One person and everything the three sources hold about them. */
export interface PersonBundle {
  person: PersonDoc;
  employments: EmploymentDoc[];
  quarterlyDeclarations: QuarterlyDeclarationDoc[];
  unemploymentPayments: UnemploymentPaymentDoc[];
  /** Null for someone never paid an allowance in the window. */
  unemploymentFile: UnemploymentFileDoc | null;
}

export interface Population {
  /** A few thousand at most 20,000, built up front (persons refer to them). */
  employers: readonly EmployerDoc[];
  /** Generated lazily, one person at a time: iterate without holding them, memory stays flat. Each iteration starts over and yields the same. */
  persons: Iterable<PersonBundle>;
}

interface BundleInput {
  doc: PersonDoc;
  career: Career;
  familyCategory: FamilyCategory;
  institution: PaymentInstitution;
}

/** The documents of one person, from their career. `rng` null: no random variations (the reference persons). */
function bundle(input: BundleInput, ids: DimonaIds, rng: Random | null): PersonBundle {
  const ssin = input.doc._id;
  const death = input.doc.deathDate === null ? null : parseIso(input.doc.deathDate);
  const temporary = rng ? temporaryUnemployment(input.career.jobs, death, rng) : [];
  const unemployment = unemploymentDocs(
    {
      ssin,
      death,
      familyCategory: input.familyCategory,
      institution: input.institution,
      jobs: input.career.jobs,
      spells: input.career.spells,
      temporary,
    },
    rng,
  );
  return {
    person: input.doc,
    employments: employmentDocs(ssin, input.career.jobs, ids),
    quarterlyDeclarations: quarterlyDeclarations(ssin, input.career.jobs, death, temporary),
    unemploymentPayments: unemployment.payments,
    unemploymentFile: unemployment.file,
  };
}

function* generatePersons(options: PopulationOptions, employers: EmployerRegistry): Generator<PersonBundle> {
  const ids = new DimonaIds();
  for (const reference of REFERENCE_PERSONS) yield bundle(structuredClone(reference), ids, null);
  const allocator = new SsinAllocator(options.seed, new Set(REFERENCE_PERSONS.map((p) => p.doc._id)));
  for (let i = REFERENCE_PERSONS.length; i < options.persons; i++) {
    // One stream per person: what one person draws never shifts the next one.
    const rng = new Random(mixSeed(options.seed, i));
    const plan = rng.chance(BIS_SHARE) ? bisPerson(rng, allocator) : nationalRegisterPerson(rng, allocator);
    const career = simulateCareer(plan.profile, rng, employers);
    yield bundle({ doc: plan.doc, career, familyCategory: plan.familyCategory, institution: plan.institution }, ids, rng);
  }
}

/**
 * A deterministic synthetic population: the reference persons first, then
 * `persons − 4` generated ones, and their employers. Pure: no I/O, no clock,
 * no `Math.random`.
 */
export function generatePopulation(options: PopulationOptions): Population {
  if (!Number.isSafeInteger(options.persons) || options.persons < 0)
    throw new Error(`persons must be a whole number ≥ 0; got ${options.persons}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be a whole number; got ${options.seed}`);
  const employers = createEmployers(options.seed, employerCount(options.persons), Object.values(REFERENCE_EMPLOYERS));
  return {
    employers: employers.records.map((r) => r.doc),
    persons: { [Symbol.iterator]: () => generatePersons(options, employers) },
  };
}
