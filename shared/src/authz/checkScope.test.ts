import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { checkScope } from './checkScope.js';
import type { Authorization } from './model.js';
import { personsReached } from './personsReached.js';

const schema = readApiSchema();
const A = '85073003328';
const B = '03021415813';
const C = '62110309728';

const authorization = (id: string, scope: 'all' | 'followed', fields: string[], capacities: string[] = []): Authorization => ({
  id,
  title: id,
  legalBasis: 'test',
  partner: 'capac',
  purposes: ['UNEMPLOYMENT_BENEFIT'],
  validFrom: '2024-01-01',
  validUntil: null,
  scope,
  capacities,
  grants: { Query: [{ field: 'person' }, { field: 'persons' }], Person: fields.map((field) => ({ field })) },
  location: { file: 'test', line: 1 },
});

const followedName = authorization('F', 'followed', ['ssin', 'name'], ['UNEMPLOYMENT_FILE']);
const allSsin = authorization('ALL', 'all', ['ssin']);

function check(query: string, followed: Record<string, string[]>, authorizations = [followedName, allSsin]) {
  const document = parse(query);
  return checkScope({
    schema,
    document,
    authorizations,
    today: '2026-12-02',
    persons: personsReached(schema, document, undefined, undefined),
    followed: new Map(Object.entries(followed).map(([ssin, capacities]) => [ssin, new Set(capacities)])),
  });
}

describe('checkScope', () => {
  it('allows a person followed in a capacity the followed authorization names', () => {
    expect(check(`{ person(ssin: "${A}") { name { lastName } } }`, { [A]: ['UNEMPLOYMENT_FILE'] })).toEqual({ allowed: true });
  });

  it('refuses a person not followed, counting, never naming', () => {
    expect(check(`{ persons(ssins: ["${A}", "${B}", "${C}"]) { name { lastName } } }`, { [A]: ['UNEMPLOYMENT_FILE'] })).toEqual({
      allowed: false,
      notFollowed: 2,
    });
  });

  it('refuses a person followed only in another capacity', () => {
    expect(check(`{ person(ssin: "${A}") { name { lastName } } }`, { [A]: ['PENSION_FILE'] })).toEqual({ allowed: false, notFollowed: 1 });
  });

  it("lets an authorization of scope all cover, for anyone, what it grants: the key is everyone's", () => {
    expect(check(`{ persons(ssins: ["${A}", "${B}"]) { ssin } }`, {})).toEqual({ allowed: true });
  });

  it('counts the persons of every alias and variable', () => {
    const document = parse(`query ($s: [SSIN!]!, $one: SSIN = "${C}") { a: persons(ssins: $s) { ssin } b: person(ssin: $one) { ssin } }`);
    expect(personsReached(schema, document, undefined, { s: [A, `${B.slice(0, 6)}-${B.slice(6)}`] }).sort()).toEqual([A, B, C].sort());
  });

  it('does not count the SSINs of fields that read no person: a registration, an access log', () => {
    const document = parse(`mutation { follow(ssin: "${A}", capacity: "UNEMPLOYMENT_FILE", from: "2026-01-01") { status } }`);
    expect(personsReached(schema, document, undefined, undefined)).toEqual([]);
  });

  it('asks nothing when no authorization is limited to followed persons', () => {
    expect(check(`{ person(ssin: "${A}") { ssin } }`, {}, [allSsin])).toEqual({ allowed: true });
  });
});
