import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkReferenceKeys } from './checkReferenceKeys.js';
import { scalarResolvers, scalarTypeDefs } from './index.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  ${scalarTypeDefs}
  type Query { ok: Boolean }
  type Person @key(fields: "ssin") { ssin: SSIN! name: String }
  type Employer @key(fields: "enterpriseNumber") { enterpriseNumber: EnterpriseNumber! name: String }
  type Office @key(fields: "code") { code: String! name: String }
`);

/** What each resolver was given: a malformed key must never get this far. */
const seen: unknown[] = [];
const resolvers = {
  ...scalarResolvers,
  Person: {
    __resolveReference: (ref: { ssin: string }) => {
      seen.push(ref.ssin);
      return { ssin: ref.ssin, name: 'De Clercq' };
    },
  },
  // No resolver of its own: the representation itself is the entity.
  Employer: { name: () => 'Van Damme' },
  Office: { __resolveReference: (ref: { code: string }) => ({ ...ref, name: 'Gent' }) },
};
const schema = buildSubgraphSchema([{ typeDefs, resolvers: checkReferenceKeys(typeDefs, resolvers) as never }]);

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Person { ssin name } ... on Employer { enterpriseNumber name } ... on Office { code name } } }`;

async function entities(representations: unknown[]) {
  return JSON.parse(JSON.stringify(await graphql({ schema, source: ENTITIES, variableValues: { r: representations } }))) as {
    data?: { _entities: unknown[] };
    errors?: { message: string; path: unknown[]; extensions: unknown }[];
  };
}

describe('checkReferenceKeys', () => {
  it('normalises a valid key before the resolver sees it', async () => {
    seen.length = 0;
    const result = await entities([
      { __typename: 'Person', ssin: '85.07.30-033.28' },
      { __typename: 'Employer', enterpriseNumber: 'BE 0403.170.701' },
    ]);
    expect(result).toEqual({
      data: {
        _entities: [
          { ssin: '85073003328', name: 'De Clercq' },
          { enterpriseNumber: '0403170701', name: 'Van Damme' },
        ],
      },
    });
    expect(seen).toEqual(['85073003328']);
  });

  it.each([
    ['wrong check digits', '85073003329', 'SSIN_CHECK_DIGITS'],
    ['a list', ['85073003328'], 'SSIN_FORMAT'],
    ['an object', { ssin: '85073003328' }, 'SSIN_FORMAT'],
    ['nothing', undefined, 'SSIN_FORMAT'],
  ])('refuses a Person reference whose key is %s, before any resolver runs', async (_case, ssin, rule) => {
    seen.length = 0;
    const result = await entities([{ __typename: 'Person', ssin }]);
    // The whole call is refused: a malformed key means a bug or a forged call, not one missing entity.
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      {
        message: expect.stringMatching(/^The Person reference's key ssin: /),
        locations: expect.any(Array),
        path: ['_entities'],
        extensions: { code: 'BAD_USER_INPUT', rule },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('85073003329');
    expect(seen).toEqual([]);
  });

  it('refuses an Employer reference with a bad enterprise number, though Employer has no resolver of its own', async () => {
    const result = await entities([{ __typename: 'Employer', enterpriseNumber: '0403170702' }]);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', rule: 'ENTERPRISE_NUMBER_CHECK_DIGITS' }]);
  });

  it('leaves keys of other types alone', async () => {
    expect(await entities([{ __typename: 'Office', code: 'anything' }])).toEqual({
      data: { _entities: [{ code: 'anything', name: 'Gent' }] },
    });
  });
});
