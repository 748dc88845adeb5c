import { formatSsin } from '@crossroads/shared';
import type { Gender } from '../layout.js';
import { mixSeed } from './prng.js';

export type SsinKind = 'NATIONAL_REGISTER' | 'BIS_GENDER_KNOWN' | 'BIS_GENDER_UNKNOWN';

/**
 * Serials 1–996 only: 997 and 998 are never issued here, so a test can build an
 * SSIN that is certainly absent (`formatSsin({ birthDate, serial: 997 })`).
 */
const SLOTS_PER_SEX = 498;
/** Multipliers coprime with 498 (= 2 · 3 · 83): `a·k + b mod 498` then visits every slot once. */
const MULTIPLIERS = Array.from({ length: SLOTS_PER_SEX }, (_, a) => a).filter((a) => a % 2 !== 0 && a % 3 !== 0 && a % 83 !== 0);
const KINDS: SsinKind[] = ['NATIONAL_REGISTER', 'BIS_GENDER_KNOWN', 'BIS_GENDER_UNKNOWN'];
const BIS_FLAG = { NATIONAL_REGISTER: undefined, BIS_GENDER_KNOWN: 'genderKnown', BIS_GENDER_UNKNOWN: 'genderUnknown' } as const;

/**
 * Hands out unique SSINs. Uniqueness comes from counting, per birth date,
 * register kind and sex, how many numbers were issued; the k-th gets the k-th
 * slot of a per-date permutation, so serials look scattered (as real ones do)
 * rather than 001, 003, 005… Memory grows with the number of distinct birth
 * dates (about 25,000), not with the number of persons.
 */
export class SsinAllocator {
  private readonly issued = new Map<number, number>();

  constructor(
    private readonly seed: number,
    private readonly reserved: ReadonlySet<string>,
  ) {}

  /**
   * `birthDate` is `YYYY-MM-DD`, with `00` for an unknown month or day (bis
   * numbers). The serial's parity follows `sex` (odd = man); for a bis number
   * issued without the gender, `sex` only spreads numbers over both halves.
   */
  allocate(birthDate: string, kind: SsinKind, sex: Gender): string {
    // YYYYMMDD, register kind and sex in one number: cheaper than a string key, a million times over.
    const date = Number(birthDate.slice(0, 4)) * 10_000 + Number(birthDate.slice(5, 7)) * 100 + Number(birthDate.slice(8, 10));
    const key = date * 6 + KINDS.indexOf(kind) * 2 + (sex === 'MALE' ? 1 : 0);
    const h = mixSeed(this.seed, key);
    const a = MULTIPLIERS[h % MULTIPLIERS.length]!;
    const b = mixSeed(h, 1) % SLOTS_PER_SEX;
    for (let k = this.issued.get(key) ?? 0; k < SLOTS_PER_SEX; k++) {
      const slot = (a * k + b) % SLOTS_PER_SEX;
      const serial = 2 * slot + (sex === 'MALE' ? 1 : 2);
      const ssin = formatSsin({ birthDate, serial, ...(BIS_FLAG[kind] ? { bis: BIS_FLAG[kind] } : {}) });
      if (this.reserved.has(ssin)) continue;
      this.issued.set(key, k + 1);
      return ssin;
    }
    // 498 people of one sex born on one day: impossible at the populations this seeds (about 40 per day for a million persons).
    throw new Error(`no SSIN serial left for birth date ${birthDate}`);
  }
}
