// Turns the official code-list XML files (DmfA/Dimona annexes) into the small
// JSON files committed beside this script, which the seed generator reads.
// The XML stays outside the repository; run this again when a newer annex
// comes out and commit the diff:
//
//   node --import tsx db/src/codelists/extract.ts <folder with the XML files>
//
// The annexes are flat and regular (one element per entry, no attributes, no
// CDATA), so a few regular expressions read them; no XML dependency needed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The repository's formatter (a root dev dependency): this script is a development tool.
import * as prettier from 'prettier';

const OUT_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Annex entries carry a validity; only those still open at the end of the 9999 sentinel year are current. */
const OPEN_END_YEAR = '9999';
const POSTAL_SUFFIX = / \([^)]*\.\)$/;

const FILES = {
  zip: 'ZIPCodes2021-1_23.xml',
  nis: 'NISCode2018-1_1.xml',
  jointCommittees: 'JointCommittee2019-1_26.xml',
  countries: 'Countries2021-1_5.xml',
  workerCodes: 'EmployeeCodes2022-2_2.xml',
} as const;

/** The inner XML of each `<tag>…</tag>` element. */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

/** Text of the first `<tag>` child, '' when absent or empty (`<tag/>`). */
function text(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decodeEntities(m[1]!.replace(/\s+/g, ' ').trim()) : '';
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** `{ nl, fr }` of the first `<tag>` child. */
function labels(xml: string, tag: string): { nl: string; fr: string } {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? { nl: text(m[1]!, 'nl'), fr: text(m[1]!, 'fr') } : { nl: '', fr: '' };
}

function isCurrent(entry: string): boolean {
  return text(text(entry, 'end-validity'), 'year') === OPEN_END_YEAR;
}

function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/**
 * One entry per current municipality (REFNIS code), with the postal codes that
 * lead to it. Names come from the postal-code annex's "main town", which is
 * properly cased (the NIS annex is upper case without accents). Where the annex
 * gives different French names for one merged Flemish municipality (e.g. Puurs
 * and Sint-Amands under Puurs-Sint-Amands), the municipality has no French
 * exonym and the Dutch name is used. The postal annex's disambiguating suffixes
 * ("Hamme (O.-Vl.)", "Baelen (Lg.)") are dropped: they are not part of the name.
 */
function extractMunicipalities(dir: string) {
  const validNis = new Set(
    elements(read(dir, FILES.nis), 'nis-code')
      .filter(isCurrent)
      .map((e) => text(e, 'code')),
  );
  const byNis = new Map<string, { nisCode: string; nl: string; fr: string; frNames: Set<string>; postalCodes: Set<string> }>();
  for (const entry of elements(read(dir, FILES.zip), 'ZIP-code')) {
    const nisCode = text(entry, 'NIS-code');
    // Postal codes without a NIS code are institutions (parliaments, the Senate…), not places.
    if (!isCurrent(entry) || !nisCode) continue;
    if (!validNis.has(nisCode)) throw new Error(`postal code ${text(entry, 'code')} points at NIS code ${nisCode}, which is not current`);
    const main = labels(entry, 'main-town');
    main.nl = main.nl.replace(POSTAL_SUFFIX, '');
    main.fr = main.fr.replace(POSTAL_SUFFIX, '');
    const m = byNis.get(nisCode) ?? { nisCode, nl: main.nl, fr: main.fr, frNames: new Set(), postalCodes: new Set() };
    m.frNames.add(main.fr);
    m.postalCodes.add(text(entry, 'code'));
    byNis.set(nisCode, m);
  }
  return [...byNis.values()]
    .sort((a, b) => a.nisCode.localeCompare(b.nisCode))
    .map((m) => ({ nisCode: m.nisCode, nl: m.nl, fr: m.frNames.size > 1 ? m.nl : m.fr, postalCodes: [...m.postalCodes].sort() }));
}

function extractJointCommittees(dir: string) {
  return elements(read(dir, FILES.jointCommittees), 'joint-committee')
    .filter(isCurrent)
    .map((e) => ({ code: text(e, 'code'), ...labels(e, 'description') }));
}

/** Countries with an ISO alpha-2 code (the annex also lists historical states and "of origin" entries without one). */
function extractCountries(dir: string) {
  return elements(read(dir, FILES.countries), 'country')
    .filter((e) => isCurrent(e) && text(e, 'iso-code'))
    .map((e) => ({ iso: text(e, 'iso-code'), code: text(e, 'code'), ...labels(e, 'description') }))
    .sort((a, b) => a.iso.localeCompare(b.iso));
}

/** Current DmfA worker codes with their worker category (the long descriptions are left out to keep the file small). */
function extractWorkerCodes(dir: string) {
  const seen = new Map<string, { code: string; nl: string; fr: string }>();
  for (const e of elements(read(dir, FILES.workerCodes), 'employee-code').filter(isCurrent)) {
    const code = text(e, 'code');
    // Some codes have several entries (one per sub-case); the category is the same.
    if (!seen.has(code)) seen.set(code, { code, ...labels(e, 'type') });
  }
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * One entry per line where it fits (small diffs when an annex changes), laid
 * out by the repository's Prettier so that `prettier --check` passes on the
 * generated files as they are.
 */
async function writeJson(file: string, rows: unknown[]): Promise<void> {
  const target = path.join(OUT_DIR, file);
  const text = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
  const options = (await prettier.resolveConfig(target)) ?? {};
  fs.writeFileSync(target, await prettier.format(text, { ...options, filepath: target }));
  process.stdout.write(`${file}: ${rows.length} entries\n`);
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node --import tsx db/src/codelists/extract.ts <folder with the code-list XML files>\n');
  process.exit(2);
}
await writeJson('municipalities.json', extractMunicipalities(dir));
await writeJson('jointCommittees.json', extractJointCommittees(dir));
await writeJson('countries.json', extractCountries(dir));
await writeJson('workerCodes.json', extractWorkerCodes(dir));
