import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation } from './checkOperation.js';
import { type Authorization, type FieldGrant } from './model.js';

// A small schema with what the real one lacks: an interface, a union, a Date argument with a default.
const schema = buildSchema(`
  scalar Date
  type Query {
    person(ssin: String!): Person
    node(id: ID!): Node
    search(text: String!): [SearchResult!]!
  }
  interface Node { id: ID! }
  type Person implements Node {
    id: ID!
    name: String
    birthPlace: String
    employments(activeOn: Date): [Employment!]
    quarterlyDeclarations(from: Date!, to: Date!): [Int!]
    address(asOf: Date): String
    addressHistory(since: Date = "2020-01-01"): [String!]
  }
  type Employer implements Node { id: ID! name: String nisCode: String }
  type Employment { employer: Employer startDate: Date }
  union SearchResult = Person | Employer
`);

let nextId = 1;
function authorization(grants: Record<string, (string | FieldGrant)[]>): Authorization {
  const id = `ISC/99/${String(nextId++).padStart(3, '0')}`;
  return {
    id,
    title: id,
    legalBasis: 'test',
    partner: 'capac',
    purposes: ['UNEMPLOYMENT_BENEFIT'],
    validFrom: '2024-01-01',
    validUntil: null,
    scope: 'all',
    capacities: [],
    grants: Object.fromEntries(
      Object.entries(grants).map(([type, fields]) => [type, fields.map((f) => (typeof f === 'string' ? { field: f } : f))]),
    ),
    location: { file: `${id}.yaml`, line: 1 },
  };
}

const personReader = authorization({
  Query: ['person'],
  Person: ['id', 'name', 'employments'],
  Employment: ['employer', 'startDate'],
  Employer: ['id', 'name'],
});

function check(
  query: string,
  options: { variables?: Record<string, unknown>; operationName?: string; authorizations?: Authorization[]; today?: string } = {},
) {
  return checkOperation({
    schema,
    document: parse(query),
    operationName: options.operationName,
    variables: options.variables,
    authorizations: options.authorizations ?? [personReader],
    today: options.today ?? '2025-06-15',
  });
}

const uncovered = (query: string, options?: Parameters<typeof check>[1]): string[] | 'allowed' => {
  const result = check(query, options);
  return result.allowed ? 'allowed' : result.uncovered;
};

describe('checkOperation: fields', () => {
  it('allows an operation whose every field is granted', () => {
    expect(check('{ person(ssin: "1") { name employments { startDate employer { name } } } }')).toEqual({ allowed: true });
  });

  it('names each field not granted after the object type it is read on, at any depth', () => {
    expect(uncovered('{ person(ssin: "1") { birthPlace employments { employer { nisCode } } } }')).toEqual([
      'Employer.nisCode',
      'Person.birthPlace',
    ]);
  });

  it('goes on below a field that is not granted, so the list is complete', () => {
    const reader = authorization({ Query: ['person'] });
    expect(uncovered('{ person(ssin: "1") { employments { startDate } } }', { authorizations: [reader] })).toEqual([
      'Employment.startDate',
      'Person.employments',
    ]);
  });

  it('checks a field under an alias as the field itself', () => {
    expect(uncovered('{ person(ssin: "1") { origin: birthPlace } }')).toEqual(['Person.birthPlace']);
  });

  it('returns uncovered fields sorted and without duplicates', () => {
    expect(uncovered('{ a: person(ssin: "1") { birthPlace } b: person(ssin: "2") { birthPlace address(asOf: "2025-01-01") } }')).toEqual([
      'Person.address',
      'Person.birthPlace',
    ]);
  });

  it('covers nothing without an applicable authorization', () => {
    expect(uncovered('{ person(ssin: "1") { name } }', { authorizations: [] })).toEqual(['Person.name', 'Query.person']);
  });

  it('unites the grants of several authorizations', () => {
    const birthPlaceReader = authorization({ Person: ['birthPlace'] });
    expect(check('{ person(ssin: "1") { name birthPlace } }', { authorizations: [personReader, birthPlaceReader] })).toEqual({
      allowed: true,
    });
  });
});

describe('checkOperation: fragments', () => {
  it('checks the fields of a named fragment', () => {
    expect(uncovered('{ person(ssin: "1") { ...P } } fragment P on Person { name birthPlace }')).toEqual(['Person.birthPlace']);
  });

  it('checks the fields of an inline fragment without a type condition', () => {
    expect(uncovered('{ person(ssin: "1") { ... { birthPlace } } }')).toEqual(['Person.birthPlace']);
  });

  it('checks the fields of an inline fragment on the same type', () => {
    expect(uncovered('{ person(ssin: "1") { ... on Person { birthPlace } } }')).toEqual(['Person.birthPlace']);
  });

  it('survives a fragment cycle (which validation would refuse)', () => {
    expect(uncovered('{ person(ssin: "1") { ...A } } fragment A on Person { name ...B } fragment B on Person { birthPlace ...A }')).toEqual(
      ['Person.birthPlace'],
    );
  });

  it('walks a fragment once per parent type, so that nested spreads cannot blow up', () => {
    // Each level spreads the next twice: 2^40 paths if every spread were walked.
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Person { name ...F${i + 1} ...F${i + 1} }`).join('\n');
    const started = performance.now();
    expect(uncovered(`{ person(ssin: "1") { ...F0 } } ${levels} fragment F40 on Person { birthPlace }`)).toEqual(['Person.birthPlace']);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('checkOperation: @include and @skip', () => {
  it('does not count a field excluded by @include(if: false)', () => {
    expect(check('{ person(ssin: "1") { name birthPlace @include(if: false) } }')).toEqual({ allowed: true });
  });

  it('does not count a field excluded by @skip(if: true)', () => {
    expect(check('{ person(ssin: "1") { name birthPlace @skip(if: true) } }')).toEqual({ allowed: true });
  });

  it('follows the variable of @include(if: $x)', () => {
    const query = 'query ($x: Boolean!) { person(ssin: "1") { name birthPlace @include(if: $x) } }';
    expect(uncovered(query, { variables: { x: true } })).toEqual(['Person.birthPlace']);
    expect(uncovered(query, { variables: { x: false } })).toBe('allowed');
  });

  it("uses the variable's default when the request does not give it", () => {
    expect(uncovered('query ($x: Boolean = false) { person(ssin: "1") { birthPlace @include(if: $x) } }')).toBe('allowed');
  });

  it('counts a field whose condition is unknown (fails closed)', () => {
    expect(uncovered('query ($x: Boolean!) { person(ssin: "1") { birthPlace @include(if: $x) } }')).toEqual(['Person.birthPlace']);
  });

  it('applies @include to fragments as well as fields', () => {
    expect(
      uncovered(
        '{ person(ssin: "1") { ...P @include(if: false) ... @skip(if: true) { birthPlace } } } fragment P on Person { birthPlace }',
      ),
    ).toBe('allowed');
  });
});

describe('checkOperation: meta fields and abstract types', () => {
  it('always allows __typename', () => {
    expect(check('{ __typename person(ssin: "1") { __typename name } }')).toEqual({ allowed: true });
  });

  it('never covers introspection, and reports nothing below it', () => {
    expect(uncovered('{ __schema { types { name } } __type(name: "Person") { name } }')).toEqual(['Query.__schema', 'Query.__type']);
  });

  it('reports a field the schema does not have, such as _entities, as uncovered', () => {
    expect(uncovered('{ _entities(representations: []) { __typename } }')).toEqual(['Query._entities']);
  });

  it('counts a field selected on an interface for each possible object type', () => {
    const nodeReader = authorization({ Query: ['node'], Person: ['id'] });
    expect(uncovered('{ node(id: "1") { id } }', { authorizations: [nodeReader] })).toEqual(['Employer.id']);
  });

  it('narrows a union to the object type of an inline fragment', () => {
    const searcher = authorization({ Query: ['search'], Employer: ['name'] });
    expect(
      uncovered('{ search(text: "x") { __typename ... on Employer { name } ... on Person { birthPlace } } }', {
        authorizations: [searcher],
      }),
    ).toEqual(['Person.birthPlace']);
  });

  it('narrows an interface fragment inside an object type to that type', () => {
    expect(uncovered('{ person(ssin: "1") { ... on Node { id } ... on Employer { nisCode } } }')).toBe('allowed');
  });

  it('reports the fields of a root type the schema does not have', () => {
    expect(uncovered('mutation { deletePerson(ssin: "1") }')).toEqual(['Mutation.deletePerson']);
  });
});

describe('checkOperation: operation selection', () => {
  const document = 'query A { person(ssin: "1") { name } } query B { person(ssin: "1") { birthPlace } }';

  it('checks only the operation named by operationName', () => {
    expect(uncovered(document, { operationName: 'A' })).toBe('allowed');
  });

  it('checks every operation when operationName does not pick exactly one (fails closed)', () => {
    expect(uncovered(document)).toEqual(['Person.birthPlace']);
    expect(uncovered(document, { operationName: 'C' })).toEqual(['Person.birthPlace']);
  });
});

describe('checkOperation: argument bounds', () => {
  const declarations = (months: number) =>
    authorization({ Query: ['person'], Person: [{ field: 'quarterlyDeclarations', arguments: { from: { notBeforeMonthsAgo: months } } }] });
  const query = (from: string) => `{ person(ssin: "1") { quarterlyDeclarations(from: "${from}", to: "2025-06-30") } }`;

  it('allows a date on the earliest allowed day', () => {
    expect(uncovered(query('2022-06-15'), { authorizations: [declarations(36)] })).toBe('allowed');
  });

  it('reports a date one day too early as Type.field(argument)', () => {
    expect(uncovered(query('2022-06-14'), { authorizations: [declarations(36)] })).toEqual(['Person.quarterlyDeclarations(from)']);
  });

  it('reads the date from a variable', () => {
    const byVariable = 'query ($from: Date!) { person(ssin: "1") { quarterlyDeclarations(from: $from, to: "2025-06-30") } }';
    expect(uncovered(byVariable, { authorizations: [declarations(36)], variables: { from: '2020-01-01' } })).toEqual([
      'Person.quarterlyDeclarations(from)',
    ]);
  });

  it('gives the detail of a violation for the error message', () => {
    const result = check(query('2020-01-01'), { authorizations: [declarations(36)] });
    expect(result).toEqual({
      allowed: false,
      uncovered: ['Person.quarterlyDeclarations(from)'],
      boundViolations: [
        {
          coordinate: 'Person.quarterlyDeclarations(from)',
          argument: 'from',
          received: '2020-01-01',
          earliest: '2022-06-15',
          message: 'Person.quarterlyDeclarations(from) must be a date on or after 2022-06-15 (at most 36 months back); got 2020-01-01',
        },
      ],
    });
  });

  it('refuses an omitted argument that has no default', () => {
    const activeOn = authorization({
      Query: ['person'],
      Person: [{ field: 'employments', arguments: { activeOn: { notBeforeMonthsAgo: 12 } } }],
    });
    expect(uncovered('{ person(ssin: "1") { employments { __typename } } }', { authorizations: [activeOn] })).toEqual([
      'Person.employments(activeOn)',
    ]);
  });

  it('refuses an explicit null like an omitted argument', () => {
    const activeOn = authorization({
      Query: ['person'],
      Person: [{ field: 'employments', arguments: { activeOn: { notBeforeMonthsAgo: 12 } } }],
    });
    expect(uncovered('{ person(ssin: "1") { employments(activeOn: null) { __typename } } }', { authorizations: [activeOn] })).toEqual([
      'Person.employments(activeOn)',
    ]);
  });

  it('allows an omitted argument when the bound says allowOmitted', () => {
    const asOf = authorization({
      Query: ['person'],
      Person: [{ field: 'address', arguments: { asOf: { notBeforeMonthsAgo: 24, allowOmitted: true } } }],
    });
    expect(uncovered('{ person(ssin: "1") { address } }', { authorizations: [asOf] })).toBe('allowed');
    expect(uncovered('{ person(ssin: "1") { address(asOf: "2023-06-14") } }', { authorizations: [asOf] })).toEqual([
      'Person.address(asOf)',
    ]);
  });

  it("checks the schema's default when the argument is omitted", () => {
    const since = (months: number) =>
      authorization({ Query: ['person'], Person: [{ field: 'addressHistory', arguments: { since: { notBeforeMonthsAgo: months } } }] });
    expect(uncovered('{ person(ssin: "1") { addressHistory } }', { authorizations: [since(24)] })).toEqual([
      'Person.addressHistory(since)',
    ]);
    expect(uncovered('{ person(ssin: "1") { addressHistory } }', { authorizations: [since(72)] })).toBe('allowed');
  });

  it('lifts the bound when another applicable authorization grants the field without one', () => {
    const unbounded = authorization({ Person: ['quarterlyDeclarations'] });
    expect(uncovered(query('1995-01-01'), { authorizations: [declarations(36), unbounded] })).toBe('allowed');
  });

  it('applies the most generous bound of the applicable authorizations', () => {
    expect(uncovered(query('2021-01-01'), { authorizations: [declarations(12), declarations(60)] })).toBe('allowed');
  });

  it('holds the bound for every alias: one occurrence within it does not cover another beyond it', () => {
    const aliases = `{ person(ssin: "1") {
      recent: quarterlyDeclarations(from: "2024-01-01", to: "2025-06-30")
      older: quarterlyDeclarations(from: "2019-01-01", to: "2019-12-31")
    } }`;
    expect(check(aliases, { authorizations: [declarations(36)] })).toMatchObject({
      allowed: false,
      uncovered: ['Person.quarterlyDeclarations(from)'],
      boundViolations: [expect.objectContaining({ received: '2019-01-01' })],
    });
  });

  it("holds the bound for every variable, and for a variable's default", () => {
    const two =
      'query ($a: Date!, $b: Date!) { person(ssin: "1") { a: quarterlyDeclarations(from: $a, to: "2025-06-30") b: quarterlyDeclarations(from: $b, to: "2025-06-30") } }';
    expect(uncovered(two, { authorizations: [declarations(36)], variables: { a: '2024-01-01', b: '2022-06-14' } })).toEqual([
      'Person.quarterlyDeclarations(from)',
    ]);
    const byDefault = 'query ($from: Date = "2020-01-01") { person(ssin: "1") { quarterlyDeclarations(from: $from, to: "2025-06-30") } }';
    expect(uncovered(byDefault, { authorizations: [declarations(36)] })).toEqual(['Person.quarterlyDeclarations(from)']);
    expect(uncovered(byDefault, { authorizations: [declarations(36)], variables: { from: '2023-01-01' } })).toBe('allowed');
  });

  it('lifts the bound for a grant of the whole history', () => {
    const whole = authorization({ Query: ['person'], Person: [{ field: 'quarterlyDeclarations', history: 'whole' }] });
    expect(uncovered(query('1970-01-01'), { authorizations: [whole] })).toBe('allowed');
    expect(uncovered(query('1970-01-01'), { authorizations: [declarations(36), whole] })).toBe('allowed');
  });

  it('refuses a value that is not a date', () => {
    expect(uncovered(query('last year'), { authorizations: [declarations(36)] })).toEqual(['Person.quarterlyDeclarations(from)']);
  });
});
