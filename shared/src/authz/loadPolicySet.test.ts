import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyDirWith } from './__fixtures__/policyDirWith.js';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { loadPolicySet } from './loadPolicySet.js';
import { formatProblem, PolicyLoadError } from './PolicyLoadError.js';

const schema = readApiSchema();

/** The problems a load reports, as `file:line: message`. */
function problemsOf(dir: string): string[] {
  try {
    loadPolicySet({ dir, supergraph: schema });
  } catch (error) {
    if (error instanceof PolicyLoadError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the set loaded, but problems were expected');
}

describe('loadPolicySet', () => {
  it('loads a valid set into the model, without reading the partners’ key files', () => {
    const set = loadPolicySet({ dir: policyDirWith(['valid']), supergraph: schema, today: new Date('2025-01-01T12:00:00Z') });
    expect(set.authorizations).toEqual([
      {
        id: 'ISC/24/900',
        title: 'A valid authorization',
        legalBasis: 'Law of 15 January 1990 on the CBSS, art. 15',
        partner: 'capac',
        purposes: ['UNEMPLOYMENT_BENEFIT'],
        validFrom: '2024-01-01',
        validUntil: null,
        scope: 'all',
        capacities: [],
        grants: {
          Query: [{ field: 'person' }],
          Person: [
            { field: 'name' },
            { field: 'quarterlyDeclarations', arguments: { from: { notBeforeMonthsAgo: 36 }, to: { notBeforeMonthsAgo: 36 } } },
            { field: 'employments', history: 'whole' },
          ],
          PersonName: [{ field: 'lastName' }],
        },
        location: { file: 'ISC-24-900.yaml', line: 1 },
      },
    ]);
    expect(set.partners.get('capac')).toMatchObject({ issuer: 'urn:crossroads:partner:capac', jwks: { file: 'keys/capac.jwks.json' } });
    expect(set.partners.get('sfpd')).toMatchObject({ jwks: { url: 'https://keys.sfpd.example/jwks.json' } });
    expect([...set.purposes.keys()]).toEqual(['UNEMPLOYMENT_BENEFIT', 'PENSION_CALCULATION']);
  });

  it('notes, without refusing, a partner that has no authorization', () => {
    const set = loadPolicySet({ dir: policyDirWith(['valid']), supergraph: schema });
    expect(set.notices).toEqual([
      { file: 'partners.yaml', line: 8, message: 'partner sfpd has no authorization: every request it makes is refused' },
    ]);
  });

  it('refuses an unknown type, with a suggestion, and a type that is not an object type', () => {
    expect(problemsOf(policyDirWith(['unknown-type']))).toEqual([
      "ISC-24-901.yaml:10: unknown type Persn (did you mean 'Person'?)",
      'ISC-24-901.yaml:11: Gender is not an object type; only the fields of object types are granted',
    ]);
  });

  it('refuses unknown fields, with a suggestion, and a field granted twice', () => {
    expect(problemsOf(policyDirWith(['unknown-field']))).toEqual([
      "ISC-24-902.yaml:11: Person has no field nam (did you mean 'name'?)",
      'ISC-24-902.yaml:12: Person has no field salary',
      'ISC-24-902.yaml:14: Person.name is granted twice (first on line 13)',
    ]);
  });

  it('refuses a bound on an argument that does not exist or is not a Date, which leaves the Date arguments unbounded', () => {
    expect(problemsOf(policyDirWith(['bad-bounds']))).toEqual([
      expect.stringMatching(/^ISC-24-903\.yaml:10: Person\.quarterlyDeclarations\(from, to\) are Date arguments without a bound: /),
      "ISC-24-903.yaml:12: Person.quarterlyDeclarations has no argument form (did you mean 'from'?); it has from, to",
      expect.stringMatching(/^ISC-24-903\.yaml:13: Person\.employments\(activeOn\) is a Date argument without a bound: /),
      'ISC-24-903.yaml:15: Person.employments(first) is of type Int; only Date arguments can be bounded',
    ]);
  });

  it('refuses a field with Date arguments unless each is bounded or the whole history is granted', () => {
    expect(problemsOf(policyDirWith(['unbounded-dates']))).toEqual([
      'ISC-24-917.yaml:11: Person.address(asOf) is a Date argument without a bound: granted so, the field reaches its whole history one day at a time; bound it (arguments: { asOf: { notBeforeMonthsAgo: N } }) or grant the whole history (history: whole)',
      'ISC-24-917.yaml:12: Person.quarterlyDeclarations(to) is a Date argument without a bound: granted so, the field reaches its whole history one day at a time; bound it (arguments: { to: { notBeforeMonthsAgo: N } }) or grant the whole history (history: whole)',
      'ISC-24-917.yaml:15: Person.unemploymentPayments is granted with bounds and with its whole history; keep one of them',
      'ISC-24-917.yaml:20: Person.name has no Date argument, so no history to grant whole; grant it by name',
    ]);
  });

  it('refuses any history spelling but whole, as the JSON Schema says', () => {
    const file =
      'id: ISC/24/918\ntitle: T\nlegalBasis: L\npartner: capac\npurposes: [UNEMPLOYMENT_BENEFIT]\nvalid: { from: 2024-01-01, until: null }\nscope: all\ngrants:\n  Person:\n    - { field: address, history: all }\n';
    expect(problemsOf(policyDirWith([], { 'ISC-24-918.yaml': file }))).toEqual([
      'ISC-24-918.yaml:10: grants.Person[0].history: must be equal to constant; got "all"',
    ]);
  });

  it('refuses an unknown partner and an unknown purpose', () => {
    expect(problemsOf(policyDirWith(['unknown-partner']))).toEqual([
      "ISC-24-904.yaml:4: unknown partner capak (did you mean 'capac'?); partners are declared in partners.yaml",
      'ISC-24-904.yaml:5: unknown purpose FAMILY_ALLOWANCE; purposes are declared in purposes.yaml',
    ]);
  });

  it('refuses a validity that ends before it starts', () => {
    expect(problemsOf(policyDirWith(['bad-date-order']))).toEqual([
      'ISC-24-905.yaml:8: valid.until 2024-05-31 is before valid.from 2024-06-01',
    ]);
  });

  it("loads scope 'followed' with its capacities, and refuses capacities that are unknown, not the partner's, missing or needless", () => {
    expect(problemsOf(policyDirWith(['followed-scope']))).toEqual([
      'ISC-24-917.yaml:8: partner capac may not register persons in capacity PENSION_FILE (partners.yaml), so it could never follow anyone in it',
      "ISC-24-917.yaml:8: unknown capacity UNEMPLOYMENT_FIL (did you mean 'UNEMPLOYMENT_FILE'?); capacities are declared in capacities.yaml",
      "ISC-24-918.yaml:1: missing required property 'capacities'",
      "ISC-24-919.yaml:8: capacities only apply to scope 'followed'; with scope 'all' the partner reads any person",
      "partners.yaml:13: unknown capacity UNEMPLOYMENT_FIEL (did you mean 'UNEMPLOYMENT_FILE'?); capacities are declared in capacities.yaml",
    ]);
  });

  it("loads an authorization of scope 'followed' with the capacities it names, and the partners' capacities", () => {
    const dir = policyDirWith(['followed-scope']);
    for (const file of ['ISC-24-917.yaml', 'ISC-24-918.yaml', 'ISC-24-919.yaml']) fs.rmSync(path.join(dir, file));
    fs.writeFileSync(
      path.join(dir, 'partners.yaml'),
      fs.readFileSync(path.join(dir, 'partners.yaml'), 'utf8').replace(', UNEMPLOYMENT_FIEL', ''),
    );
    const set = loadPolicySet({ dir, supergraph: readApiSchema() });
    expect(set.authorizations).toEqual([
      expect.objectContaining({ id: 'ISC/24/906', scope: 'followed', capacities: ['UNEMPLOYMENT_FILE'] }),
    ]);
    expect(set.partners.get('sfpd')?.capacities).toEqual(['PENSION_FILE']);
    expect([...set.capacities.keys()]).toEqual(['UNEMPLOYMENT_FILE', 'PENSION_FILE']);
  });

  it('reports every JSON Schema violation of a file at its line, a missing legalBasis included', () => {
    expect(problemsOf(policyDirWith(['missing-legal-basis']))).toEqual([
      "ISC-24-907.yaml:1: missing required property 'legalBasis'",
      'ISC-24-907.yaml:4: purposes: must NOT have fewer than 1 items; got []',
      'ISC-24-907.yaml:5: valid.from: must match format "date"; got "2024-02-30"',
      'ISC-24-907.yaml:6: scope: must be one of all, followed; got "everyone"',
      'ISC-24-907.yaml:12: grants.Person[0].arguments.from.notBeforeMonthsAgo: must be >= 0; got -1',
      "ISC-24-907.yaml:13: unknown property 'comment'",
    ]);
  });

  it('refuses two files with the same id', () => {
    expect(problemsOf(policyDirWith(['duplicate-id']))).toEqual([
      'ISC-24-909.yaml:1: the file of ISC/24/908 must be named ISC-24-908.yaml',
      'ISC-24-909.yaml:1: authorization ISC/24/908 is already defined in ISC-24-908.yaml',
    ]);
  });

  it('refuses to grant federation and introspection machinery', () => {
    expect(problemsOf(policyDirWith(['machinery']))).toEqual([
      'ISC-24-910.yaml:9: Query._entities is federation or introspection machinery and cannot be granted',
      'ISC-24-910.yaml:9: Query.__schema is federation or introspection machinery and cannot be granted',
      'ISC-24-910.yaml:10: _Entity is a federation or introspection type and cannot be granted',
      'ISC-24-910.yaml:11: join__Graph is a federation or introspection type and cannot be granted',
    ]);
  });

  it('reports a YAML syntax error at its line', () => {
    const broken = 'id: ISC/24/911\ntitle: Broken\ngrants:\n  Query: [person\n  Person: [name]\n';
    expect(problemsOf(policyDirWith([], { 'ISC-24-911.yaml': broken }))).toEqual([
      expect.stringMatching(/^ISC-24-911\.yaml:5: YAML syntax: /),
    ]);
  });

  it('reports a duplicate YAML key, which would otherwise silently replace the first', () => {
    const doubled = 'id: ISC/24/912\ngrants:\n  Query: [person]\n  Query: [persons]\n';
    expect(problemsOf(policyDirWith([], { 'ISC-24-912.yaml': doubled }))).toEqual([
      'ISC-24-912.yaml:4: YAML syntax: Map keys must be unique',
    ]);
  });

  it('ties each partner’s issuer and key file to its id, and refuses a partner declared twice', () => {
    expect(problemsOf(policyDirWith(['wrong-key-file']))).toEqual([
      'partners.yaml:11: the issuer of partner sfpd must be urn:crossroads:partner:sfpd; got urn:crossroads:partner:famiwal',
      'partners.yaml:12: the key file of partner sfpd must be keys/sfpd.jwks.json; got keys/capac.jwks.json',
      'partners.yaml:14: partner capac is declared twice',
    ]);
  });

  it('refuses a .yml file rather than ignoring it', () => {
    expect(problemsOf(policyDirWith(['valid'], { 'ISC-24-913.yml': 'id: ISC/24/913\n' }))).toEqual([
      'ISC-24-913.yml:1: policy files end in .yaml; rename ISC-24-913.yml',
    ]);
  });

  it('collects the problems of every file instead of stopping at the first', () => {
    const files = problemsOf(policyDirWith(['unknown-type', 'bad-date-order'])).map((p) => p.split(':')[0]);
    expect(files).toEqual(['ISC-24-901.yaml', 'ISC-24-901.yaml', 'ISC-24-905.yaml']);
  });
});
