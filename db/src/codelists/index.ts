/**
 * Official code lists (DmfA/Dimona annexes, source [A] in the glossary), as the
 * JSON that `extract.ts` writes beside this file. Read-only; the lookups throw
 * on an unknown code so that a typo in the generator fails loudly.
 */
import countriesJson from './countries.json' with { type: 'json' };
import jointCommitteesJson from './jointCommittees.json' with { type: 'json' };
import municipalitiesJson from './municipalities.json' with { type: 'json' };
import workerCodesJson from './workerCodes.json' with { type: 'json' };

/** A current municipality (annex 1 NIS code, annex 23 postal codes). NIS codes are those valid from 2019 (before the 2025 mergers). */
export interface Municipality {
  /** REFNIS code, 5 digits: province/arrondissement (2) + municipality (3). */
  nisCode: string;
  nl: string;
  fr: string;
  postalCodes: readonly string[];
}

/** Where a municipality lies decides the language of its names and streets. */
export type LanguageRegion = 'FLANDERS' | 'WALLONIA' | 'BRUSSELS' | 'GERMAN_SPEAKING';

export interface JointCommittee {
  /** `CCC[.CC[.CC]]` */
  code: string;
  nl: string;
  fr: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2. */
  iso: string;
  /** Annex 5 numeric code (150 = Belgium). */
  code: string;
  nl: string;
  fr: string;
}

export interface WorkerCode {
  code: string;
  /** Worker category ("Gewone handarbeiders", …). */
  nl: string;
  fr: string;
}

export const municipalities: readonly Municipality[] = municipalitiesJson;
export const jointCommittees: readonly JointCommittee[] = jointCommitteesJson;
export const countries: readonly Country[] = countriesJson;
export const workerCodes: readonly WorkerCode[] = workerCodesJson;

const municipalityByNis = new Map(municipalities.map((m) => [m.nisCode, m]));
const municipalityByPostal = new Map(municipalities.flatMap((m) => m.postalCodes.map((p) => [p, m] as const)));
const jointCommitteeByCode = new Map(jointCommittees.map((j) => [j.code, j]));
const countryByIso = new Map(countries.map((c) => [c.iso, c]));
const workerCodeByCode = new Map(workerCodes.map((w) => [w.code, w]));

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`${what} ${JSON.stringify(key)} is not in the code list`);
  return value;
}

export const municipalityOfNis = (nisCode: string): Municipality => lookup(municipalityByNis, nisCode, 'NIS code');
export const municipalityOfPostalCode = (postalCode: string): Municipality => lookup(municipalityByPostal, postalCode, 'postal code');
export const jointCommittee = (code: string): JointCommittee => lookup(jointCommitteeByCode, code, 'joint committee');
export const country = (iso: string): Country => lookup(countryByIso, iso, 'country');
export const workerCode = (code: string): WorkerCode => lookup(workerCodeByCode, code, 'worker code');

/** The nine municipalities of the German-speaking Community (all in the Verviers arrondissement, 63). */
const GERMAN_SPEAKING = new Set(['63001', '63012', '63013', '63023', '63040', '63048', '63061', '63067', '63087']);

/**
 * The language region from the NIS code's province digits: 1 Antwerp, 23/24
 * Flemish Brabant, 3 West and 4 East Flanders, 7 Limburg are Flemish; 21 is
 * Brussels; 25 Walloon Brabant, 5 Hainaut, 6 Liège, 8 Luxembourg, 9 Namur are
 * Walloon, except the German-speaking Community in Liège province.
 */
export function languageRegion(nisCode: string): LanguageRegion {
  if (GERMAN_SPEAKING.has(nisCode)) return 'GERMAN_SPEAKING';
  if (nisCode.startsWith('21')) return 'BRUSSELS';
  if (nisCode.startsWith('25')) return 'WALLONIA';
  return '12347'.includes(nisCode[0]!) ? 'FLANDERS' : 'WALLONIA';
}

/** Province key used to keep commutes plausible: the NIS code's first digit, with Brabant split into Brussels, Flemish and Walloon parts. */
export function provinceOf(nisCode: string): string {
  if (nisCode.startsWith('21')) return 'BRU';
  if (nisCode.startsWith('23') || nisCode.startsWith('24')) return 'VBR';
  if (nisCode.startsWith('25')) return 'WBR';
  return nisCode[0]!;
}
