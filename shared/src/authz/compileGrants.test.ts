import { describe, expect, it } from 'vitest';
import { compileGrants } from './compileGrants.js';
import { type Authorization } from './model.js';

function authorization(id: string, grants: Authorization['grants']): Authorization {
  return {
    id,
    title: id,
    legalBasis: 'test',
    partner: 'p',
    purposes: ['X'],
    validFrom: '2024-01-01',
    validUntil: null,
    scope: 'all',
    capacities: [],
    grants,
    location: { file: 'x.yaml', line: 1 },
  };
}

describe('compileGrants', () => {
  const a = authorization('ISC/24/001', {
    Query: [{ field: 'person' }],
    Person: [{ field: 'employments', arguments: { activeOn: { notBeforeMonthsAgo: 12 } } }],
  });
  const b = authorization('ISC/24/002', { Person: [{ field: 'name' }] });

  it('compiles a tuple of authorizations once', () => {
    expect(compileGrants([a, b])).toBe(compileGrants([a, b]));
  });

  it('compiles another tuple on its own', () => {
    expect(compileGrants([a])).not.toBe(compileGrants([a, b]));
  });

  it('lists every granted Type.field and the bounds of bounded ones', () => {
    const compiled = compileGrants([a, b]);
    expect([...compiled.fields].sort()).toEqual(['Person.employments', 'Person.name', 'Query.person']);
    expect(compiled.bounds.get('Person.employments')).toEqual([new Map([['activeOn', { notBeforeMonthsAgo: 12 }]])]);
    expect(compiled.bounds.has('Person.name')).toBe(false);
  });
});
