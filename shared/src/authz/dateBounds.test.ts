import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation } from './checkOperation.js';
import { compileGrants } from './compileGrants.js';
import { boundsHold, dateBoundHolds, earliestAllowed, releasableFrom } from './dateBounds.js';
import { type Authorization, type FieldGrant } from './model.js';

const TODAY = '2025-06-15';

let nextId = 1;
function authorization(person: FieldGrant[]): Authorization {
  const id = `ISC/98/${String(nextId++).padStart(3, '0')}`;
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
    grants: { Query: [{ field: 'person' }], Person: person },
    location: { file: `${id}.yaml`, line: 1 },
  };
}
const declarations = (months: number): FieldGrant => ({
  field: 'quarterlyDeclarations',
  arguments: { from: { notBeforeMonthsAgo: months }, to: { notBeforeMonthsAgo: months } },
});
const COORDINATE = 'Person.quarterlyDeclarations';

describe('dateBoundHolds', () => {
  const bound = { notBeforeMonthsAgo: 36 };
  it.each([
    ['the earliest allowed day', '2022-06-15', true],
    ['a day later', '2025-01-01', true],
    ['one day too early', '2022-06-14', false],
    ['omitted', undefined, false],
    ['null', null, false],
    ['not a date', 'last year', false],
    ['a list', ['2022-06-15'], false],
    ['a number', 20220615, false],
  ])('judges %s: %s', (_case, value, holds) => {
    expect(dateBoundHolds(bound, value, TODAY)).toBe(holds);
  });

  it('lets an omitted argument through only where the bound allows it', () => {
    expect(dateBoundHolds({ notBeforeMonthsAgo: 0, allowOmitted: true }, undefined, TODAY)).toBe(true);
    expect(dateBoundHolds({ notBeforeMonthsAgo: 0, allowOmitted: true }, '2025-06-14', TODAY)).toBe(false);
  });

  it('counts back calendar months, clamped to the end of the month', () => {
    expect(earliestAllowed({ notBeforeMonthsAgo: 3 }, '2024-05-31')).toBe('2024-02-29');
  });
});

describe('the gateway and the sources judge a bound alike', () => {
  // The preventive check reads the value from the document; the shield gets it as a resolver argument.
  const schema = buildSchema(`
    scalar Date
    type Query { person(ssin: String!): Person }
    type Person { quarterlyDeclarations(from: Date!, to: Date!): [Int!] }
  `);
  const granted = authorization([declarations(36)]);
  const bounds = compileGrants([granted]).bounds.get(COORDINATE)!;

  it.each([['2022-06-15'], ['2022-06-14'], ['2025-06-15'], ['1990-01-01'], ['not a date'], [['2022-06-15']], [null]])(
    'from = %j',
    (from) => {
      const gateway = checkOperation({
        schema,
        document: parse('query ($from: Date) { person(ssin: "1") { quarterlyDeclarations(from: $from, to: "2025-06-30") } }'),
        variables: { from },
        authorizations: [granted],
        today: TODAY,
      }).allowed;
      const source = bounds.some((b) => boundsHold(b, { from, to: '2025-06-30' }, TODAY));
      expect(source).toBe(gateway);
    },
  );
});

describe('releasableFrom: the first day a source may release, in whole periods', () => {
  const args = (from: string) => ({ from, to: '2025-06-30' });
  const grants = (...person: FieldGrant[][]) => compileGrants(person.map((p) => authorization(p)));

  it('is the earliest day the bound allows, so a quarter starting before it is not released', () => {
    expect(releasableFrom(grants([declarations(36)]), COORDINATE, 'from', args('2022-06-15'), TODAY)).toBe('2022-06-15');
  });

  it('is null for a field granted with its whole history', () => {
    expect(
      releasableFrom(grants([{ field: 'quarterlyDeclarations', history: 'whole' }]), COORDINATE, 'from', args('1990-01-01'), TODAY),
    ).toBe(null);
  });

  it('is null when another applicable authorization grants the whole history', () => {
    const g = grants([declarations(36)], [{ field: 'quarterlyDeclarations', history: 'whole' }]);
    expect(releasableFrom(g, COORDINATE, 'from', args('2022-06-15'), TODAY)).toBe(null);
  });

  it('takes the most generous of the authorizations whose bounds the request meets', () => {
    const g = grants([declarations(12)], [declarations(60)]);
    expect(releasableFrom(g, COORDINATE, 'from', args('2024-07-01'), TODAY)).toBe('2020-06-15');
    expect(releasableFrom(g, COORDINATE, 'from', args('2021-01-01'), TODAY)).toBe('2020-06-15');
  });

  it('releases nothing when no bound is met or the field is not granted (the shield refuses it first)', () => {
    expect(releasableFrom(grants([declarations(12)]), COORDINATE, 'from', args('2020-01-01'), TODAY)).toBe('9999-12-31');
    expect(releasableFrom(grants([{ field: 'name' }]), COORDINATE, 'from', args('2025-01-01'), TODAY)).toBe('9999-12-31');
  });
});
