import type { Municipality } from '../codelists/index.js';
import type { AddressDoc } from '../layout.js';
import { addYears, isoOf } from './calendar.js';
import { drawNextMunicipality, type Language } from './places.js';
import type { Random } from './prng.js';
import { belgianAddress, foreignAddress } from './streets.js';

/** Where a person lived from a given day: lets employment pick employers within commuting distance. */
export interface Residence {
  from: number;
  /** Null abroad. */
  municipality: Municipality | null;
}

export interface AddressHistory {
  addresses: AddressDoc[];
  residences: Residence[];
}

/** At most five addresses in all: the register keeps every one, but most people move a few times. */
const MAX_MOVES = 4;
/** One move every eleven adult years on average. */
const YEARS_PER_MOVE = 11;

/** Sorted, distinct move days in [from, to]: none after death (callers pass the death date as `to`). */
function moveDays(rng: Random, from: number, to: number): number[] {
  if (to <= from) return [];
  const expected = (to - from) / 365.25 / YEARS_PER_MOVE;
  const count = Math.min(MAX_MOVES, Math.floor(expected * (0.4 + rng.next() * 1.2) + rng.next()));
  const days = new Set<number>();
  for (let i = 0; i < count; i++) days.add(from + Math.floor(rng.next() * (to - from + 1)));
  return [...days].sort((a, b) => a - b);
}

/** Contiguous periods: each address ends the day before the next begins; the last one is current (`validTo: null`). */
function chain<T>(starts: number[], make: (index: number, validFrom: string, validTo: string | null) => T): T[] {
  return starts.map((start, i) => make(i, isoOf(start), i + 1 < starts.length ? isoOf(starts[i + 1]! - 1) : null));
}

/**
 * National Register history from `start` (birth, or arrival in Belgium): moves
 * happen from age 18, mostly nearby (see `drawNextMunicipality`).
 */
export function belgianAddressHistory(
  rng: Random,
  options: { first: Municipality; language: Language; birth: number; start: number; lastMoveDay: number },
): AddressHistory {
  const adult = Math.max(options.start + 1, addYears(options.birth, 18));
  const starts = [options.start, ...moveDays(rng, adult, options.lastMoveDay)];
  const places: Municipality[] = [options.first];
  for (let i = 1; i < starts.length; i++) places.push(drawNextMunicipality(rng, places[i - 1]!));
  const addresses = chain(starts, (i, validFrom, validTo) =>
    belgianAddress(rng, places[i]!, rng.pick(places[i]!.postalCodes), options.language, validFrom, validTo),
  );
  return { addresses, residences: starts.map((from, i) => ({ from, municipality: places[i]! })) };
}

/** Bis register history: from the day the number was issued, one or two addresses in the country of residence. */
export function foreignAddressHistory(rng: Random, options: { country: string; start: number; lastMoveDay: number }): AddressHistory {
  const starts = [options.start];
  if (options.lastMoveDay - options.start > 730 && rng.chance(0.3)) {
    starts.push(options.start + 365 + Math.floor(rng.next() * (options.lastMoveDay - options.start - 365)));
  }
  const addresses = chain(starts, (_, validFrom, validTo) => foreignAddress(rng, options.country, validFrom, validTo));
  return { addresses, residences: starts.map((from) => ({ from, municipality: null })) };
}

/** The municipality someone lived in on `day` (the first one before their first address). */
export function residenceOn(residences: readonly Residence[], day: number): Municipality | null {
  let current = residences[0]!.municipality;
  for (const r of residences) {
    if (r.from > day) break;
    current = r.municipality;
  }
  return current;
}
