import { languageRegion, type LanguageRegion } from '../codelists/index.js';
import type { FamilyCategory, Gender, PaymentInstitution, PersonDoc } from '../layout.js';
import { belgianAddressHistory, foreignAddressHistory } from './addresses.js';
import { addYears, dayOf, isoOf, yearsBetween, yearOf } from './calendar.js';
import { retirementDay } from './career.js';
import { birthDay, civilStatus, deathDay, familyCategory, paymentInstitution } from './demography.js';
import { ORIGIN_COUNTRY, type Origin } from './nameData.js';
import { personName } from './names.js';
import { arrivalDay, drawOrigin, fitsMigration, languageOf, nationality, nativeOrigin } from './origins.js';
import { DATA_END } from './period.js';
import { drawMunicipality, municipalityName } from './places.js';
import { weights, type Random, type WeightedTable } from './prng.js';
import type { SsinAllocator } from './ssinAllocator.js';
import type { WorkerProfile } from './workerProfile.js';

/** A person's register entry and what their working life and allowances are generated from. */
export interface PersonPlan {
  doc: PersonDoc;
  profile: WorkerProfile;
  familyCategory: FamilyCategory;
  institution: PaymentInstitution;
}

/** About 3% of the population has a bis number: people working in Belgium without living here. */
export const BIS_SHARE = 0.03;

const drawGender = (rng: Random): Gender => (rng.chance(0.5) ? 'MALE' : 'FEMALE');

/** Leaving school at 18, 21 (bachelor) or 23 (master), in summer; manual work is far more common after shorter studies. */
function education(rng: Random, birthYear: number): { careerStart: number; manual: boolean } {
  const r = rng.next();
  const [age, manualShare] = r < 0.3 ? [18, 0.75] : r < 0.65 ? [21, 0.4] : [23, 0.08];
  return { careerStart: dayOf(birthYear + age, 7, 1) + rng.int(0, 80), manual: rng.chance(manualShare) };
}

/** Someone in the National Register: born here or registered on arrival, living in Belgium. */
export function nationalRegisterPerson(rng: Random, allocator: SsinAllocator): PersonPlan {
  const gender = drawGender(rng);
  const birth = birthDay(rng);
  const birthYear = yearOf(birth);
  const first = drawMunicipality(rng);
  const region = languageRegion(first.nisCode);
  const drawn = drawOrigin(rng, region);
  const origin = fitsMigration(drawn, birthYear) ? drawn : nativeOrigin(region);
  const language = languageOf(origin, region);
  const arrival = arrivalDay(rng, origin, birth, birthYear);
  const death = deathDay(rng, birth, birthYear, arrival === null ? birth : arrival + 365);
  const history = belgianAddressHistory(rng, { first, language, birth, start: arrival ?? birth, lastMoveDay: death ?? DATA_END });
  const referenceDay = death ?? DATA_END;
  const age = yearsBetween(birth, referenceDay);
  const status = civilStatus(rng, age, gender);
  const abroad = ORIGIN_COUNTRY[origin];
  const name = personName(rng, origin, gender, birthYear);
  const doc: PersonDoc = {
    _id: allocator.allocate(isoOf(birth), 'NATIONAL_REGISTER', gender),
    register: 'NATIONAL_REGISTER',
    lastName: name.lastName,
    firstNames: name.firstNames,
    birthDate: isoOf(birth),
    birthPlace:
      arrival === null
        ? { municipality: municipalityName(first, language), nisCode: first.nisCode, country: 'BE' }
        : { municipality: rng.pick(abroad.birthCities), nisCode: null, country: abroad.country },
    gender,
    nationality: nationality(rng, origin, abroad.country, arrival, referenceDay),
    civilStatus: status,
    deathDate: death === null ? null : isoOf(death),
    addresses: history.addresses,
  };
  const school = education(rng, birthYear);
  // Those who arrived as adults start working some months after arriving, and had no student jobs here.
  const careerStart = arrival !== null && arrival > school.careerStart ? arrival + rng.int(30, 365) : school.careerStart;
  const sixteen = addYears(birth, 16);
  const profile: WorkerProfile = {
    birth,
    death,
    female: gender === 'FEMALE',
    manual: school.manual,
    careerStart,
    studentFrom: (arrival === null || arrival < sixteen) && sixteen < careerStart ? sixteen : null,
    retirement: retirementDay(rng, birth),
    noCareer: rng.chance(0.07 + (gender === 'FEMALE' && birthYear < 1955 ? 0.25 : 0)),
    livesAbroad: false,
    wageZ: rng.normal(),
    residences: history.residences,
    workProvince: null,
    seasonalFrom: null,
  };
  const currentRegion = languageRegion(history.residences[history.residences.length - 1]!.municipality!.nisCode);
  return { doc, profile, familyCategory: familyCategory(rng, status, age), institution: paymentInstitution(rng, currentRegion) };
}

/** Frontier workers live just across the border; seasonal pickers come from central and eastern Europe (and Portugal). */
const FRONTIER_COUNTRIES = weights({ FR: 62, NL: 25, DE: 8, LU: 5 });
const SEASONAL_COUNTRIES = weights({ PL: 40, RO: 35, BG: 15, PT: 10 });
const ORIGIN_BY_COUNTRY: Record<string, WeightedTable<Origin>> = {
  FR: weights<Origin>({ FRENCH: 85, PORTUGUESE: 4, ITALIAN: 4, MOROCCAN: 5, POLISH: 2 }),
  NL: weights<Origin>({ DUTCH: 88, TURKISH: 5, MOROCCAN: 5, POLISH: 2 }),
  DE: weights<Origin>({ GERMAN: 88, TURKISH: 8, POLISH: 4 }),
  LU: weights<Origin>({ LUXEMBOURGISH: 50, PORTUGUESE: 35, FRENCH: 15 }),
  PL: weights<Origin>({ POLISH: 1 }),
  RO: weights<Origin>({ ROMANIAN: 1 }),
  BG: weights<Origin>({ BULGARIAN: 1 }),
  PT: weights<Origin>({ PORTUGUESE: 1 }),
};
/** Where they work: across their border (French residents in West Flanders and Hainaut…), pickers in the fruit regions. */
const WORK_PROVINCES: Record<string, WeightedTable<string>> = {
  FR: weights({ '3': 45, '5': 55 }),
  NL: weights({ '1': 50, '4': 25, '7': 25 }),
  DE: weights({ '6': 1 }),
  LU: weights({ '8': 1 }),
  SEASONAL: weights({ '7': 60, VBR: 25, '3': 15 }),
};
const regionOfProvince = (province: string): LanguageRegion => (['1', '3', '4', '7', 'VBR'].includes(province) ? 'FLANDERS' : 'WALLONIA');

/**
 * Someone in the bis register: a number issued by the CBSS when they first
 * worked here, an address abroad, sometimes no known gender (month + 20) and,
 * rarely, no known day of birth (`00`).
 */
export function bisPerson(rng: Random, allocator: SsinAllocator): PersonPlan {
  const seasonal = rng.chance(0.2);
  const country = (seasonal ? SEASONAL_COUNTRIES : FRONTIER_COUNTRIES).draw(rng);
  const origin = ORIGIN_BY_COUNTRY[country]!.draw(rng);
  const gender = drawGender(rng);
  const genderKnown = !rng.chance(0.12);
  const birthYear = rng.int(1958, 2004);
  const birth = dayOf(birthYear, 1, 1) + rng.int(0, 364);
  const birthDate = rng.chance(0.02) ? `${isoOf(birth).slice(0, 8)}00` : isoOf(birth);
  const adult = addYears(birth, 18);
  const careerStart = Math.max(adult, Math.min(addYears(birth, rng.int(18, 40)) + rng.int(0, 364), DATA_END - rng.int(30, 2_000)));
  const seasonalFrom = seasonal ? rng.int(Math.max(2021, birthYear + 18), 2026) : null;
  const issued = (seasonalFrom === null ? careerStart : dayOf(seasonalFrom, 8, 10)) - rng.int(0, 20);
  const death = deathDay(rng, birth, birthYear, issued + 365);
  const history = foreignAddressHistory(rng, { country, start: issued, lastMoveDay: death ?? DATA_END });
  const age = yearsBetween(birth, death ?? DATA_END);
  const status = civilStatus(rng, age, gender);
  const home = ORIGIN_COUNTRY[origin];
  const name = personName(rng, origin, gender, birthYear);
  const doc: PersonDoc = {
    _id: allocator.allocate(birthDate, genderKnown ? 'BIS_GENDER_KNOWN' : 'BIS_GENDER_UNKNOWN', gender),
    register: 'BIS',
    lastName: name.lastName,
    firstNames: name.firstNames,
    birthDate,
    birthPlace: { municipality: rng.pick(home.birthCities), nisCode: null, country: home.country },
    gender: genderKnown ? gender : null,
    nationality: home.country === country || rng.chance(0.4) ? country : home.country,
    civilStatus: status,
    deathDate: death === null ? null : isoOf(death),
    addresses: history.addresses,
  };
  const workProvince = WORK_PROVINCES[seasonal ? 'SEASONAL' : country]!.draw(rng);
  const profile: WorkerProfile = {
    birth,
    death,
    female: gender === 'FEMALE',
    manual: seasonal || rng.chance(0.55),
    careerStart,
    studentFrom: null,
    retirement: retirementDay(rng, birth),
    noCareer: seasonal,
    livesAbroad: true,
    wageZ: rng.normal(),
    residences: history.residences,
    workProvince,
    seasonalFrom,
  };
  return {
    doc,
    profile,
    familyCategory: familyCategory(rng, status, age),
    institution: paymentInstitution(rng, regionOfProvince(workProvince)),
  };
}
