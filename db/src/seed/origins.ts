import type { LanguageRegion } from '../codelists/index.js';
import { addYears, dayOf } from './calendar.js';
import type { Origin } from './nameData.js';
import { DATA_END } from './period.js';
import { weights, type Random, type WeightedTable } from './prng.js';
import type { Language } from './places.js';

/** Who lives where: Flanders and Wallonia mostly Belgian-born families, Brussels far more mixed. */
const ORIGIN_BY_REGION: Record<LanguageRegion, WeightedTable<Origin>> = {
  FLANDERS: weights<Origin>({
    FLEMISH: 86,
    WALLOON: 1,
    EAST_BELGIAN: 0,
    MOROCCAN: 3,
    TURKISH: 2.5,
    ITALIAN: 1.5,
    SPANISH: 0.3,
    PORTUGUESE: 0.2,
    POLISH: 1.5,
    ROMANIAN: 1.2,
    BULGARIAN: 0.3,
    CONGOLESE: 0.5,
    DUTCH: 2,
    FRENCH: 0.2,
    GERMAN: 0.2,
    LUXEMBOURGISH: 0,
  }),
  WALLONIA: weights<Origin>({
    FLEMISH: 2,
    WALLOON: 82,
    EAST_BELGIAN: 0,
    MOROCCAN: 2.5,
    TURKISH: 1.5,
    ITALIAN: 5,
    SPANISH: 1,
    PORTUGUESE: 0.6,
    POLISH: 0.8,
    ROMANIAN: 0.8,
    BULGARIAN: 0.2,
    CONGOLESE: 1,
    DUTCH: 0.3,
    FRENCH: 2.3,
    GERMAN: 0.2,
    LUXEMBOURGISH: 0.2,
  }),
  BRUSSELS: weights<Origin>({
    FLEMISH: 8,
    WALLOON: 37,
    EAST_BELGIAN: 0,
    MOROCCAN: 18,
    TURKISH: 5,
    ITALIAN: 4,
    SPANISH: 3,
    PORTUGUESE: 3,
    POLISH: 3,
    ROMANIAN: 5,
    BULGARIAN: 1.5,
    CONGOLESE: 5,
    DUTCH: 1,
    FRENCH: 6,
    GERMAN: 0.5,
    LUXEMBOURGISH: 0,
  }),
  GERMAN_SPEAKING: weights<Origin>({
    FLEMISH: 0,
    WALLOON: 5,
    EAST_BELGIAN: 85,
    MOROCCAN: 0,
    TURKISH: 0,
    ITALIAN: 0,
    SPANISH: 0,
    PORTUGUESE: 0,
    POLISH: 0,
    ROMANIAN: 0,
    BULGARIAN: 0,
    CONGOLESE: 0,
    DUTCH: 0,
    FRENCH: 0,
    GERMAN: 10,
    LUXEMBOURGISH: 0,
  }),
};

export function drawOrigin(rng: Random, region: LanguageRegion): Origin {
  return ORIGIN_BY_REGION[region].draw(rng);
}

/** The language a person deals with the administration in: their community's, else the region's (French in Brussels). */
export function languageOf(origin: Origin, region: LanguageRegion): Language {
  if (origin === 'FLEMISH') return 'nl';
  if (origin === 'WALLOON') return 'fr';
  if (origin === 'EAST_BELGIAN') return 'de';
  return region === 'FLANDERS' ? 'nl' : region === 'GERMAN_SPEAKING' ? 'de' : 'fr';
}

interface Migration {
  /** Year the migration wave began: nobody of this origin arrived earlier. */
  since: number;
  /** Share born abroad, for people born before / from `bornAbroadSplit`. */
  bornAbroadOlder: number;
  bornAbroadYounger: number;
  bornAbroadSplit: number;
  /** Whether nationals of this country are EU citizens (fewer naturalise). */
  eu: boolean;
}

/**
 * Migration history behind each origin: Italian miners after 1946, Spanish and
 * Portuguese workers in the 1960s, Moroccan and Turkish workers from the 1964
 * agreements, Polish and Romanian workers after EU enlargement (2004, 2007).
 */
const MIGRATION: Partial<Record<Origin, Migration>> = {
  ITALIAN: { since: 1946, bornAbroadOlder: 0.7, bornAbroadYounger: 0.1, bornAbroadSplit: 1960, eu: true },
  SPANISH: { since: 1956, bornAbroadOlder: 0.6, bornAbroadYounger: 0.3, bornAbroadSplit: 1970, eu: true },
  PORTUGUESE: { since: 1962, bornAbroadOlder: 0.6, bornAbroadYounger: 0.3, bornAbroadSplit: 1975, eu: true },
  MOROCCAN: { since: 1964, bornAbroadOlder: 0.75, bornAbroadYounger: 0.15, bornAbroadSplit: 1975, eu: false },
  TURKISH: { since: 1964, bornAbroadOlder: 0.75, bornAbroadYounger: 0.15, bornAbroadSplit: 1975, eu: false },
  CONGOLESE: { since: 1960, bornAbroadOlder: 0.7, bornAbroadYounger: 0.4, bornAbroadSplit: 1985, eu: false },
  POLISH: { since: 2004, bornAbroadOlder: 0.9, bornAbroadYounger: 0.6, bornAbroadSplit: 2000, eu: true },
  ROMANIAN: { since: 2007, bornAbroadOlder: 0.9, bornAbroadYounger: 0.6, bornAbroadSplit: 2000, eu: true },
  BULGARIAN: { since: 2007, bornAbroadOlder: 0.9, bornAbroadYounger: 0.6, bornAbroadSplit: 2000, eu: true },
  DUTCH: { since: 1945, bornAbroadOlder: 0.7, bornAbroadYounger: 0.5, bornAbroadSplit: 1980, eu: true },
  FRENCH: { since: 1945, bornAbroadOlder: 0.7, bornAbroadYounger: 0.5, bornAbroadSplit: 1980, eu: true },
  GERMAN: { since: 1945, bornAbroadOlder: 0.6, bornAbroadYounger: 0.5, bornAbroadSplit: 1980, eu: true },
  LUXEMBOURGISH: { since: 1945, bornAbroadOlder: 0.6, bornAbroadYounger: 0.5, bornAbroadSplit: 1980, eu: true },
};

/**
 * Whether someone born in `birthYear` fits the origin's migration history: a
 * Polish worker is not 60 when the 2004 wave starts, and nobody of Moroccan
 * family was born in Belgium before 1964.
 */
export function fitsMigration(origin: Origin, birthYear: number): boolean {
  const m = MIGRATION[origin];
  return !m || birthYear >= m.since - 40;
}

/** The region's own population, for someone whose drawn origin does not fit their age. */
export function nativeOrigin(region: LanguageRegion): Origin {
  return region === 'FLANDERS' ? 'FLEMISH' : region === 'GERMAN_SPEAKING' ? 'EAST_BELGIAN' : 'WALLOON';
}

/** The day someone born abroad arrived in Belgium (their first address), or null when born here. */
export function arrivalDay(rng: Random, origin: Origin, birth: number, birthYear: number): number | null {
  const m = MIGRATION[origin];
  if (!m) return null;
  // Born before the wave began: necessarily born abroad.
  const bornAbroad = birthYear < m.since || rng.chance(birthYear < m.bornAbroadSplit ? m.bornAbroadOlder : m.bornAbroadYounger);
  if (!bornAbroad) return null;
  // Most came as young adults to work; some as children with their family.
  const age = rng.chance(0.25) ? rng.int(1, 15) : rng.int(18, 35);
  const arrival = Math.max(addYears(birth, age) + rng.int(0, 364), dayOf(m.since, 1, 1) + rng.int(0, 3 * 365));
  // Someone who would only arrive after the end of the data was born here after all (possible only for the youngest).
  return arrival < DATA_END - 60 ? arrival : null;
}

/**
 * Nationality: Belgian for Belgian families; among others it depends on
 * whether they were born here and how long they have lived here. Citizens of
 * EU countries naturalise far less often than others.
 */
export function nationality(rng: Random, origin: Origin, country: string, arrival: number | null, referenceDay: number): string {
  const m = MIGRATION[origin];
  if (!m) return 'BE';
  const cap = m.eu ? 0.35 : 0.8;
  if (arrival === null) return rng.chance(m.eu ? 0.6 : 0.9) ? 'BE' : country;
  const yearsHere = (referenceDay - arrival) / 365.25;
  return rng.chance(Math.min(cap, Math.max(0, yearsHere - 5) / 20)) ? 'BE' : country;
}
