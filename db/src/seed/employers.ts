import { formatEnterpriseNumber } from '@crossroads/shared';
import { languageRegion, provinceOf, type Municipality } from '../codelists/index.js';
import type { EmployerDoc } from '../layout.js';
import type { Origin } from './nameData.js';
import { surname } from './names.js';
import { drawMunicipality, municipalityName, type Language } from './places.js';
import { mixSeed, Random, WeightedTable } from './prng.js';
import { HOUSE_NAMES, LEGAL_FORMS, SECTORS, type Sector } from './sectorData.js';

/** A few thousand employers for 10,000 persons: about one for every four persons, at least one per sector, at most 20,000. */
export function employerCount(persons: number): number {
  return Math.min(20_000, Math.max(2 * SECTORS.length, Math.ceil(persons / 4)));
}

export interface EmployerRecord {
  doc: EmployerDoc;
  sector: Sector;
}

/** A fixed employer (reference persons'), with the sector that decides its staff's joint committees. */
export interface FixedEmployer {
  doc: EmployerDoc;
  sectorKey: string;
}

const sectorByKey = new Map(SECTORS.map((s) => [s.key, s]));
export function sectorOf(key: string): Sector {
  const sector = sectorByKey.get(key);
  if (!sector) throw new Error(`unknown sector ${key}`);
  return sector;
}

/**
 * Enterprise numbers: most companies have an "old" number 0200.000.000–0899.999.999;
 * those starting with 1 (1000.000.000 on) are recent.
 */
function drawEnterpriseNumber(rng: Random): string {
  return formatEnterpriseNumber(rng.chance(1 / 30) ? 10_000_000 + rng.int(0, 999_999) : rng.int(2_000_000, 8_999_999));
}

/**
 * RSZ/ONSS numbers: the definitive ones lie in [100006; 199999934] (glossary,
 * [A]). Both bounds are ≡ 96 (mod 97), which suggests a mod-97 check; numbers
 * are generated that way (97k + 96), although the rule itself is not verified.
 */
function drawNssoNumber(rng: Random): string {
  return String(97 * rng.int(1_030, 2_061_854) + 96);
}

function companyLanguage(rng: Random, m: Municipality): Language {
  switch (languageRegion(m.nisCode)) {
    case 'FLANDERS':
      return 'nl';
    case 'WALLONIA':
      return 'fr';
    case 'GERMAN_SPEAKING':
      return 'de';
    case 'BRUSSELS':
      return rng.chance(0.75) ? 'fr' : 'nl';
  }
}

const SURNAME_ORIGIN: Record<Language, Origin> = { nl: 'FLEMISH', fr: 'WALLOON', de: 'EAST_BELGIAN' };
const OTHER_ORIGINS: Origin[] = ['ITALIAN', 'TURKISH', 'MOROCCAN', 'PORTUGUESE', 'POLISH'];
const SONS: Record<Language, string> = { nl: ' & Zonen', fr: ' & Fils', de: ' & Söhne' };

/** "Bouwbedrijf Janssens NV", "Transports Dubois SA", "Woonzorgcentrum De Linde vzw"; `place` adds the town to tell namesakes apart. */
function companyName(rng: Random, sector: Sector, m: Municipality, language: Language, place: boolean): string {
  const pattern = rng.pick(sector.patterns ?? ['{W} {S}']);
  const houseNames = sector.key === 'horeca' ? HOUSE_NAMES.horeca : HOUSE_NAMES.care;
  const familyName = () => surname(rng, rng.chance(0.1) ? rng.pick(OTHER_ORIGINS) : SURNAME_ORIGIN[language]);
  const name = pattern
    .replace('{W}', () => rng.pick(sector.words[language]))
    // Partners' names joined by a hyphen are common in small firms ("Peeters-Claes").
    .replace('{S}', () => (rng.chance(0.08) ? `${familyName()}-${familyName()}` : familyName()))
    .replace('{C}', () => municipalityName(m, language))
    .replace('{F}', () => rng.pick(houseNames[language]))
    .replace('{&}', SONS[language]);
  const forms = sector.nonProfit ? LEGAL_FORMS.nonProfit : LEGAL_FORMS.company;
  const town = place && !name.includes(municipalityName(m, language)) ? ` ${municipalityName(m, language)}` : '';
  return `${name}${town} ${rng.pick(forms[language])}`;
}

/** The employers, and pools to draw a worker's employer from by sector and, for short commutes, by province. */
export class EmployerRegistry {
  readonly records: EmployerRecord[] = [];
  private readonly pools = new Map<
    string,
    { all: WeightedTable<EmployerRecord>; byProvince: Map<string, WeightedTable<EmployerRecord>> }
  >();

  add(record: EmployerRecord, size: number): void {
    this.records.push(record);
    let pool = this.pools.get(record.sector.key);
    if (!pool) this.pools.set(record.sector.key, (pool = { all: new WeightedTable(), byProvince: new Map() }));
    const province = provinceOf(record.doc.nisCode);
    let local = pool.byProvince.get(province);
    if (!local) pool.byProvince.set(province, (local = new WeightedTable()));
    pool.all.add(record, size);
    local.add(record, size);
  }

  /** An employer of the sector, in `province` when there is one there and the draw favours it. */
  pick(rng: Random, sectorKey: string, province: string | null, localShare = 0.7): EmployerRecord {
    const pool = this.pools.get(sectorKey);
    if (!pool) throw new Error(`no employer in sector ${sectorKey}`);
    const local = province === null ? undefined : pool.byProvince.get(province);
    return (local && rng.chance(localShare) ? local : pool.all).draw(rng);
  }
}

/** A fresh value from `draw`, redrawn while it is taken (by the reference employers or an earlier draw). */
function unique(draw: () => string, taken: Set<string>): string {
  let value = draw();
  while (taken.has(value)) value = draw();
  taken.add(value);
  return value;
}

/** Deterministic in (seed, count): the same employers whatever order persons are generated in. */
export function createEmployers(seed: number, count: number, fixed: readonly FixedEmployer[]): EmployerRegistry {
  const registry = new EmployerRegistry();
  const taken = { numbers: new Set<string>(), nsso: new Set<string>(), names: new Set<string>() };
  for (const f of fixed) {
    // Reference employers are mid-sized: they take on some random workers too.
    registry.add({ doc: f.doc, sector: sectorOf(f.sectorKey) }, 5);
    taken.numbers.add(f.doc._id);
    taken.nsso.add(f.doc.nssoNumber);
    taken.names.add(f.doc.name);
  }
  const sectorTable = new WeightedTable(SECTORS.map((s) => [s, s.employers] as const));
  // Identifiers come from a stream of their own, so that names and places do not shift when one is redrawn.
  const identifiers = new Random(mixSeed(seed, 0xe6));
  for (let i = 0; registry.records.length < count; i++) {
    const rng = new Random(mixSeed(seed, 0xe7, i));
    // The first employers cover every sector once, so that no sector is ever empty.
    const sector = i < SECTORS.length ? SECTORS[i]! : sectorTable.draw(rng);
    const m = drawMunicipality(rng);
    const language = companyLanguage(rng, m);
    let name = companyName(rng, sector, m, language, false);
    for (let attempt = 0; taken.names.has(name) && attempt < 6; attempt++) name = companyName(rng, sector, m, language, attempt >= 2);
    // Namesakes remain possible (as in the KBO/BCE): names are not keys.
    taken.names.add(name);
    const doc: EmployerDoc = {
      _id: unique(() => drawEnterpriseNumber(identifiers), taken.numbers),
      name,
      nssoNumber: unique(() => drawNssoNumber(identifiers), taken.nsso),
      jointCommittee: sector.mainPc,
      nisCode: m.nisCode,
    };
    // Firm sizes are very unequal: a log-normal weight makes a few employers take many workers.
    registry.add({ doc, sector }, Math.exp(1.4 * rng.normal()));
  }
  return registry;
}
