import { languageRegion, type Municipality } from '../codelists/index.js';
import type { AddressDoc } from '../layout.js';
import {
  BRUSSELS_STREETS,
  EAST_BELGIAN_STREETS,
  FLEMISH_ROADS,
  FLEMISH_STREETS,
  FOREIGN_PLACES,
  FOREIGN_STREETS,
  WALLOON_ROADS,
  WALLOON_STREETS,
} from './placeData.js';
import { isLargeMunicipality, municipalityName, type Language } from './places.js';
import type { Random } from './prng.js';

export type StreetAddress = Pick<AddressDoc, 'street' | 'houseNumber' | 'box'>;

/** A road named after a town, never in that town itself. */
function road(rng: Random, roads: ReadonlyArray<readonly [string, string]>, m: Municipality): string | null {
  const [name, town] = rng.pick(roads);
  return town === m.nisCode ? null : name;
}

function streetName(rng: Random, m: Municipality, language: Language): string {
  switch (languageRegion(m.nisCode)) {
    case 'FLANDERS':
      return (rng.chance(0.12) && road(rng, FLEMISH_ROADS, m)) || rng.pick(FLEMISH_STREETS);
    case 'WALLONIA':
      return (rng.chance(0.12) && road(rng, WALLOON_ROADS, m)) || rng.pick(WALLOON_STREETS);
    case 'GERMAN_SPEAKING':
      return rng.pick(EAST_BELGIAN_STREETS);
    case 'BRUSSELS': {
      const [fr, nl] = rng.pick(BRUSSELS_STREETS);
      return language === 'nl' ? nl : fr;
    }
  }
}

/** House numbers: mostly low (streets are short), now and then with a letter; "bis" is a Walloon and Brussels habit. */
function houseNumber(rng: Random, frenchSpeaking: boolean): string {
  const n = String(1 + Math.min(248, Math.floor(rng.exponential(30))));
  if (!rng.chance(0.05)) return n;
  return frenchSpeaking && rng.chance(0.5) ? `${n}bis` : `${n}${rng.pick(['A', 'B', 'C'])}`;
}

/** Apartment boxes: common in cities, rare in villages. A number, or floor + unit ("203"). */
function box(rng: Random, urban: boolean): string | null {
  if (!rng.chance(urban ? 0.35 : 0.08)) return null;
  return rng.chance(0.7) ? String(rng.int(1, 12)) : `${rng.int(0, 6)}${String(rng.int(1, 4)).padStart(2, '0')}`;
}

export function belgianAddress(
  rng: Random,
  m: Municipality,
  postalCode: string,
  language: Language,
  validFrom: string,
  validTo: string | null,
): AddressDoc {
  const region = languageRegion(m.nisCode);
  const frenchSpeaking = region === 'WALLONIA' || (region === 'BRUSSELS' && language !== 'nl');
  return {
    street: streetName(rng, m, language),
    houseNumber: houseNumber(rng, frenchSpeaking),
    box: box(rng, isLargeMunicipality(m) || region === 'BRUSSELS'),
    postalCode,
    municipality: municipalityName(m, language),
    nisCode: m.nisCode,
    country: 'BE',
    validFrom,
    validTo,
  };
}

/** Dutch postcodes end in two letters ("6211 AB"); other countries' bases are used as they are. */
const POSTCODE_LETTERS = [...'ABCDEGHJKLMNPRTVWXZ'];
function foreignPostalCode(rng: Random, country: string, base: string): string {
  return country === 'NL' ? `${base} ${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}` : base;
}

/** An address abroad (bis register): no NIS code, the country's own postal code and street names. */
export function foreignAddress(rng: Random, country: string, validFrom: string, validTo: string | null): AddressDoc {
  const places = FOREIGN_PLACES[country];
  const streets = FOREIGN_STREETS[country];
  if (!places || !streets) throw new Error(`no foreign places for country ${country}`);
  const place = rng.pick(places);
  return {
    street: rng.pick(streets),
    houseNumber: String(1 + Math.floor(rng.exponential(25))),
    box: rng.chance(0.15) ? String(rng.int(1, 20)) : null,
    postalCode: foreignPostalCode(rng, country, place.postalCode),
    municipality: place.city,
    nisCode: null,
    country,
    validFrom,
    validTo,
  };
}

/** Countries with foreign places, for the checks in tests. */
export const FOREIGN_COUNTRIES = Object.keys(FOREIGN_PLACES);
