import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readApiSchema } from '../apiSchemaFromSupergraph.js';
import { loadPolicySet } from '../loadPolicySet.js';
import { type Authorization } from '../model.js';
import { policyDir, supergraphFile } from '../policyPaths.js';
import { buildRegister } from './buildRegister.js';
import { DATA_NAMES_FILE, missingDataNames, readDataNames } from './dataNames.js';
import { fieldSources } from './fieldSources.js';
import { renderPages } from './renderPages.js';
import { writeRegister } from './writeRegister.js';

const schema = readApiSchema();
const supergraphSdl = fs.readFileSync(supergraphFile, 'utf8');
const set = loadPolicySet({ dir: policyDir, supergraph: schema });

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-register-unit-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const build = (today = '2025-06-15', authorizations = set.authorizations, capacities = set.capacities) =>
  buildRegister({
    set: { ...set, authorizations, capacities },
    schema,
    sources: fieldSources(supergraphSdl),
    names: readDataNames(policyDir),
    today,
  });

describe('the names of the granted data', () => {
  it('every type and field the committee grants has its Dutch, French and English name', () => {
    expect(missingDataNames(policyDir, set)).toEqual([]);
  });

  it('a granted field without a name is a problem at the authorization that grants it', () => {
    const dir = tempDir();
    fs.cpSync(policyDir, dir, { recursive: true });
    const file = path.join(dir, DATA_NAMES_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^ {2}Person\.deathDate:.*\n/m, ''));
    expect(missingDataNames(dir, set)).toEqual([
      {
        file: 'ISC-24-022.yaml',
        line: 2,
        message: `ISC/24/022 grants Person.deathDate, which has no name for the public register: add it under fields in ${DATA_NAMES_FILE} (nl, fr, en)`,
      },
    ]);
  });

  it('a names file that breaks its schema is a problem, not a silent gap', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'register'));
    fs.writeFileSync(path.join(dir, DATA_NAMES_FILE), 'sources: {}\ntypes: {}\nfields:\n  Person.name: { nl: Naam, fr: Nom }\n');
    expect(missingDataNames(dir, set).map((p) => p.message)).toEqual(["fields.Person.name: missing required property 'en'"]);
  });
});

describe('buildRegister', () => {
  it('gives each authorization its status on the day, expired ones included', () => {
    const register = build('2025-06-15');
    expect(register.authorizations.map((a) => [a.id, a.status])).toEqual([
      ['ISC/23/058', 'expired'],
      ['ISC/24/017', 'in-force'],
      ['ISC/24/022', 'in-force'],
      ['ISC/24/031', 'in-force'],
      ['ISC/24/045', 'in-force'],
      ['ISC/24/052', 'in-force'],
      ['ISC/24/060', 'in-force'],
    ]);
    expect(build('2024-08-01').authorizations.find((a) => a.id === 'ISC/24/045')!.status).toBe('not-yet');
  });

  it('files each field under the source that holds it, with its names, description and reach', () => {
    const capac = build().authorizations.find((a) => a.id === 'ISC/24/017')!;
    const field = (coordinate: string) => capac.grants.find((g) => g.coordinate === coordinate)!;
    expect(field('Person.address')).toMatchObject({
      source: 'persons',
      names: { nl: 'Wettelijk adres op een datum', fr: 'Adresse légale à une date', en: 'Legal address on a day' },
      description: expect.stringMatching(/^The legal \(main\) address on a day/),
      reach: { kind: 'bounded', arguments: [{ argument: 'asOf', notBeforeMonthsAgo: 36, allowOmitted: true }] },
    });
    expect(field('Person.ssin').source).toBe('persons');
    expect(field('Person.employments')).toMatchObject({ source: 'employment', reach: { kind: 'whole' } });
    expect(field('Person.unemploymentPayments').source).toBe('unemployment');
    expect(field('Person.name')).toMatchObject({ description: null, reach: { kind: 'none' } });
  });

  it('indexes by partner (those without an authorization too) and by data', () => {
    const register = build();
    expect(register.partners.find((p) => p.id === 'inspection')!.authorizations).toEqual([]);
    expect(register.partners.find((p) => p.id === 'sfpd')!.authorizations).toEqual(['ISC/24/045', 'ISC/24/052']);
    expect(register.sources.map((s) => s.source)).toEqual(['persons', 'employment', 'unemployment', 'audit', 'directory']);
    const deathDate = register.sources[0]!.types.find((t) => t.type === 'Person')!.fields.find((f) => f.coordinate === 'Person.deathDate')!;
    expect(deathDate.grantedBy.map((g) => g.id)).toEqual(['ISC/24/022', 'ISC/24/031', 'ISC/24/052']);
  });

  it('shows a followed scope with the names of its capacities from capacities.yaml (issue #12)', () => {
    // As the loader reads capacities.yaml; an English name left empty is not shown.
    const capacities = new Map([
      ['UNEMPLOYED', { code: 'UNEMPLOYED', name: { nl: 'Werkloze', fr: 'Chômeur', en: '' }, description: 'Registered as unemployed' }],
    ]);
    const followed = set.authorizations.map((a) =>
      a.id === 'ISC/24/017' ? ({ ...a, scope: 'followed', capacities: ['UNEMPLOYED', 'UNKNOWN'] } as unknown as Authorization) : a,
    );
    const register = build('2025-06-15', followed, capacities);
    expect(register.authorizations.find((a) => a.id === 'ISC/24/017')!.scope).toEqual({
      scope: 'followed',
      capacities: [
        { code: 'UNEMPLOYED', names: { nl: 'Werkloze', fr: 'Chômeur' }, description: 'Registered as unemployed' },
        { code: 'UNKNOWN', names: {} },
      ],
    });
    const page = renderPages(register, 'nl').get('ISC-24-017.html')!;
    expect(page).toContain('Alleen de personen die de partner in het verwijzingsrepertorium heeft opgenomen');
    expect(page).toContain('<span lang="nl">Werkloze</span>');
  });
});

describe('the pages', () => {
  it('escape the committee’s texts and keep the search index inside its element', () => {
    const register = build();
    const a = register.authorizations[0]!;
    register.authorizations[0] = { ...a, title: '<img src=x onerror=alert(1)> & </script><script>alert(2)</script>' };
    const page = renderPages(register, 'en').get('index.html')!;
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/script&gt;');
    // One closing tag for the JSON block, one for the search script: the title closed neither.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('\\u003c/script>\\u003cscript>alert(2)');
  });

  it('say plainly when a name is missing rather than invent one', () => {
    const register = build();
    const capac = register.authorizations.find((a) => a.id === 'ISC/24/017')!;
    capac.grants[0] = { ...capac.grants[0]!, names: { en: 'Look a person up by SSIN' } };
    const french = renderPages(register, 'fr').get('ISC-24-017.html')!;
    expect(french).toContain('(pas encore de nom en néerlandais)');
    expect(french).toContain('(pas encore de nom en français)');
  });
});

describe('writeRegister', () => {
  it('writes the pages in three languages and the JSON, and refuses to empty a directory that holds no register', () => {
    const out = path.join(tempDir(), 'register');
    writeRegister({ dir: policyDir, set, schema, supergraphSdl, out, today: '2025-06-15' });
    expect(fs.readdirSync(out).sort()).toEqual(['authorizations', 'en', 'fr', 'index.html', 'index.json', 'nl']);
    expect(fs.readdirSync(path.join(out, 'authorizations'))).toHaveLength(7);
    const forem = JSON.parse(fs.readFileSync(path.join(out, 'authorizations', 'ISC-23-058.json'), 'utf8'));
    expect(forem).toMatchObject({ id: 'ISC/23/058', status: 'expired', validUntil: '2024-12-31', generatedOn: '2025-06-15' });
    // Written again over itself: fine.
    writeRegister({ dir: policyDir, set, schema, supergraphSdl, out, today: '2025-06-16' });
    const elsewhere = tempDir();
    fs.writeFileSync(path.join(elsewhere, 'precious.txt'), 'keep me');
    expect(() => writeRegister({ dir: policyDir, set, schema, supergraphSdl, out: elsewhere, today: '2025-06-15' })).toThrow(
      /holds no register/,
    );
    expect(fs.readFileSync(path.join(elsewhere, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});
