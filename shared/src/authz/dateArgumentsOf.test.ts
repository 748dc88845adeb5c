import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { citizenAccessAuthorization } from '../access/citizenAccess.js';
import { selfServiceAuthorization } from '../access/selfService.js';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { dateArgumentsOf } from './dateArgumentsOf.js';

const schema = readApiSchema();
const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;

describe('dateArgumentsOf', () => {
  it.each([
    ['Person', 'address', ['asOf']],
    ['Person', 'addressHistory', []],
    ['Person', 'employments', ['activeOn']],
    ['Person', 'quarterlyDeclarations', ['from', 'to']],
    ['Person', 'unemploymentPayments', ['from', 'to']],
    ['Query', 'auditLogOfPerson', ['from', 'to']],
    ['Query', 'person', []],
  ])('finds the Date arguments of %s.%s: %j', (type, name, expected) => {
    expect(dateArgumentsOf(field(type, name))).toEqual(expected);
  });

  it('finds every field of the schema partners see that has Date arguments, so none is missed by the loader', () => {
    const dated = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
      .flatMap((t) => Object.values(t.getFields()).map((f) => [`${t.name}.${f.name}`, dateArgumentsOf(f)] as const))
      .filter(([, args]) => args.length > 0)
      .map(([coordinate]) => coordinate);
    expect(dated.sort()).toEqual([
      // A write's Date arguments say what it records, not how far back a read reaches: the loader leaves them alone.
      'Mutation.follow',
      'Mutation.followMany',
      'Mutation.unfollow',
      'Mutation.unfollowMany',
      'Person.address',
      'Person.employments',
      'Person.quarterlyDeclarations',
      'Person.unemploymentPayments',
      'Query.accessLog',
      'Query.auditLogOfPartner',
      'Query.auditLogOfPerson',
    ]);
  });

  it.each([citizenAccessAuthorization, selfServiceAuthorization])(
    '$id, built in, says how far back each of its dated fields reaches',
    (a) => {
      for (const [type, grants] of Object.entries(a.grants)) {
        for (const grant of grants) {
          const dated = dateArgumentsOf(field(type, grant.field));
          if (dated.length === 0) continue;
          expect(grant.history === 'whole' || dated.every((name) => grant.arguments?.[name]), `${type}.${grant.field}`).toBe(true);
        }
      }
    },
  );
});
