import type { Gender } from '../layout.js';
import { NAME_POOLS, type Origin } from './nameData.js';
import type { Random } from './prng.js';

/** Generation of first names: born before 1975 mostly the older pool, later mostly the younger one. */
const GENERATION_SPLIT_YEAR = 1975;

/**
 * Surname and given names. Belgians often carry two or three given names
 * (the register keeps them all, in order); women keep their birth surname,
 * marriage does not change a name in the National Register.
 */
export function personName(rng: Random, origin: Origin, gender: Gender, birthYear: number): { lastName: string; firstNames: string[] } {
  const pool = NAME_POOLS[origin];
  const byGender = gender === 'MALE' ? pool.male : pool.female;
  const useOlderPool = birthYear < GENERATION_SPLIT_YEAR ? rng.chance(0.85) : rng.chance(0.1);
  const firstPool = useOlderPool ? byGender.older : byGender.younger;
  const count = rng.chance(0.45) ? 1 : rng.chance(0.75) ? 2 : 3;
  const firstNames = [rng.pick(firstPool)];
  // Further given names are often those of grandparents: drawn from the older pool.
  for (let attempt = 0; firstNames.length < count && attempt < 6; attempt++) {
    const name = rng.pick(byGender.older);
    if (!firstNames.includes(name)) firstNames.push(name);
  }
  let lastName = rng.pick(pool.surnames);
  if (gender === 'FEMALE' && pool.feminineSurname) lastName = pool.feminineSurname(lastName);
  return { lastName, firstNames };
}

/** A surname alone, for company names ("Bouwbedrijf Janssens NV"). */
export function surname(rng: Random, origin: Origin): string {
  return rng.pick(NAME_POOLS[origin].surnames);
}
