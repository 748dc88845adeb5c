import type { AddressDoc, IsoDate } from '../layout.js';
import type { PersonBundle } from './generatePopulation.js';

/** One partner's file on one person in one capacity, before it is numbered for the partner's list. */
export interface SeedEntry {
  partnerId: string;
  capacity: string;
  periods: { from: IsoDate; until: IsoDate | null }[];
}

/** The last year whose new pension files the seed opens: the sources' window ends in 2026. */
const LAST_SEED_YEAR = 2026;

/** NIS codes of Wallonia: Hainaut (5), Liège (6), Luxembourg (8), Namur (9) and Walloon Brabant (25). */
function isWalloon(address: AddressDoc | undefined): boolean {
  const nis = address?.nisCode;
  return nis !== null && nis !== undefined && (/^[5689]/.test(nis) || nis.startsWith('25'));
}

/**
 * The reference directory's entries for one person, derived from what the
 * sources hold about them, so that each partner follows the persons it would
 * have files on (docs/data-model.md, "Reference directory"):
 *
 * - CAPAC, `UNEMPLOYMENT_FILE`: the persons whose unemployment file it holds,
 *   from the file's first month, while the file exists (until death);
 * - Le Forem, `JOB_SEEKER`: Walloon residents with an unemployment file, for
 *   its entitlement period;
 * - the pension service, `PENSION_FILE`: everyone who turns 63 by 2026, from
 *   then (the pension is prepared two years before the legal age), until death;
 * - FAMIWAL, `FAMILY_ALLOWANCE_FILE`: the registers hold no family links, so
 *   an approximation: two in five Walloon residents born 1976–2001, from the
 *   September they turn 25, until death.
 */
export function directoryEntriesOf(bundle: PersonBundle): SeedEntry[] {
  const { person, unemploymentFile } = bundle;
  const death = person.deathDate;
  const entries: SeedEntry[] = [];
  const until = (end: IsoDate | null): IsoDate | null => (death !== null && (end === null || death < end) ? death : end);
  const current = person.addresses.find((a) => a.validTo === null) ?? person.addresses.at(-1);
  if (unemploymentFile?.payingOrganisation === 'CAPAC') {
    entries.push({ partnerId: 'capac', capacity: 'UNEMPLOYMENT_FILE', periods: [{ from: unemploymentFile.since, until: until(null) }] });
  }
  if (unemploymentFile && isWalloon(current)) {
    entries.push({
      partnerId: 'forem',
      capacity: 'JOB_SEEKER',
      periods: [{ from: unemploymentFile.since, until: until(unemploymentFile.until) }],
    });
  }
  const birthYear = Number(person.birthDate.slice(0, 4));
  const birthMonth = person.birthDate.slice(5, 7);
  const pensionFrom = `${birthYear + 63}-${birthMonth === '00' ? '01' : birthMonth}-01`;
  if (birthYear + 63 <= LAST_SEED_YEAR && (death === null || death >= pensionFrom)) {
    entries.push({ partnerId: 'sfpd', capacity: 'PENSION_FILE', periods: [{ from: pensionFrom, until: until(null) }] });
  }
  const familyFrom = `${birthYear + 25}-09-01`;
  if (
    birthYear >= 1976 &&
    birthYear <= 2001 &&
    isWalloon(current) &&
    Number(person._id.slice(-2)) % 5 < 2 &&
    (death === null || death >= familyFrom)
  ) {
    entries.push({ partnerId: 'famiwal', capacity: 'FAMILY_ALLOWANCE_FILE', periods: [{ from: familyFrom, until: until(null) }] });
  }
  return entries.filter((e) => e.periods.every((p) => p.until === null || p.from <= p.until));
}
