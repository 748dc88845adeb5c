import { languageRegion, municipalities, provinceOf, type LanguageRegion, type Municipality } from '../codelists/index.js';
import { DEFAULT_MUNICIPALITY_WEIGHT, LARGE_MUNICIPALITIES } from './placeData.js';
import { WeightedTable, type Random } from './prng.js';

/** The language a person deals with the administration in; decides Brussels names and streets. */
export type Language = 'nl' | 'fr' | 'de';

const weightOf = (m: Municipality) => LARGE_MUNICIPALITIES[m.nisCode] ?? DEFAULT_MUNICIPALITY_WEIGHT;

/** Municipalities drawn in proportion to (approximate) population, overall and per province and region. */
const everywhere = new WeightedTable(municipalities.map((m) => [m, weightOf(m)] as const));
const byProvince = new Map<string, WeightedTable<Municipality>>();
const byRegion = new Map<LanguageRegion, WeightedTable<Municipality>>();
for (const m of municipalities) {
  const province = provinceOf(m.nisCode);
  const region = languageRegion(m.nisCode);
  if (!byProvince.has(province)) byProvince.set(province, new WeightedTable());
  if (!byRegion.has(region)) byRegion.set(region, new WeightedTable());
  byProvince.get(province)!.add(m, weightOf(m));
  byRegion.get(region)!.add(m, weightOf(m));
}

export function drawMunicipality(rng: Random): Municipality {
  return everywhere.draw(rng);
}

export function drawMunicipalityInProvince(rng: Random, province: string): Municipality {
  return (byProvince.get(province) ?? everywhere).draw(rng);
}

/** Where people move: mostly nearby, sometimes within the region, rarely across the country. */
export function drawNextMunicipality(rng: Random, from: Municipality): Municipality {
  const r = rng.next();
  if (r < 0.55) return drawMunicipalityInProvince(rng, provinceOf(from.nisCode));
  if (r < 0.9) return byRegion.get(languageRegion(from.nisCode))!.draw(rng);
  return everywhere.draw(rng);
}

/** Municipality name as the register writes it: the region's language, the person's in Brussels; German-speaking names are in the Dutch column of the annex. */
export function municipalityName(m: Municipality, language: Language): string {
  switch (languageRegion(m.nisCode)) {
    case 'FLANDERS':
    case 'GERMAN_SPEAKING':
      return m.nl;
    case 'WALLONIA':
      return m.fr;
    case 'BRUSSELS':
      return language === 'nl' ? m.nl : m.fr;
  }
}

export function isLargeMunicipality(m: Municipality): boolean {
  return m.nisCode in LARGE_MUNICIPALITIES;
}
