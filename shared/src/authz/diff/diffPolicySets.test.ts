import { describe, expect, it } from 'vitest';
import { type Authorization, type PolicySet } from '../model.js';
import { diffPolicySets, isWidening } from './diffPolicySets.js';

// Built by hand: each case changes one property of one authorization, which the sample set cannot show alone.
function setOf(...authorizations: Partial<Authorization>[]): PolicySet {
  return {
    partners: new Map(),
    purposes: new Map(),
    capacities: new Map(),
    authorizations: authorizations.map((a) => ({
      id: 'ISC/25/001',
      title: 'A title',
      legalBasis: 'A law',
      partner: 'capac',
      purposes: ['UNEMPLOYMENT_BENEFIT'],
      validFrom: '2025-01-01',
      validUntil: null,
      scope: 'all',
      grants: { Query: [{ field: 'person' }], Person: [{ field: 'name' }] },
      location: { file: 'ISC-25-001.yaml', line: 2 },
      ...a,
    })) as Authorization[],
  };
}

describe('diffPolicySets', () => {
  it('reports nothing for the same set', () => {
    expect(diffPolicySets(setOf({}), setOf({}))).toEqual([]);
  });

  it('reports a scope that reaches every person as a widening, and a new capacity too', () => {
    const followed = { scope: 'followed', capacities: ['A1'] } as unknown as Partial<Authorization>;
    const twoCapacities = { scope: 'followed', capacities: ['A1', 'B2'] } as unknown as Partial<Authorization>;
    const [toAll] = diffPolicySets(setOf(followed), setOf({}));
    expect(toAll!.changes).toEqual([{ kind: 'scope', direction: 'widened', before: 'followed', after: 'all' }]);
    const [fromAll] = diffPolicySets(setOf({}), setOf(followed));
    expect(fromAll!.changes).toEqual([{ kind: 'scope', direction: 'narrowed', before: 'all', after: 'followed' }]);
    const [more] = diffPolicySets(setOf(followed), setOf(twoCapacities));
    expect(more!.changes).toEqual([{ kind: 'capacity', direction: 'widened', code: 'B2' }]);
    expect(more!.changes.every(isWidening)).toBe(true);
  });

  it('reads the bounds: a longer reach and a newly omittable argument widen, the whole history widens both', () => {
    const bounded = (months: number, allowOmitted = false) =>
      ({
        grants: { Person: [{ field: 'address', arguments: { asOf: { notBeforeMonthsAgo: months, allowOmitted } } }] },
      }) as Partial<Authorization>;
    const [longer] = diffPolicySets(setOf(bounded(24)), setOf(bounded(36, true)));
    expect(longer!.changes.map((c) => [c.kind, 'aspect' in c ? c.aspect : '', 'direction' in c ? c.direction : ''])).toEqual([
      ['bound', 'reach', 'widened'],
      ['bound', 'omission', 'widened'],
    ]);
    const [whole] = diffPolicySets(setOf(bounded(24)), setOf({ grants: { Person: [{ field: 'address', history: 'whole' }] } }));
    expect(whole!.changes.filter(isWidening)).toHaveLength(2);
    const [shorter] = diffPolicySets(setOf(bounded(36)), setOf(bounded(0)));
    expect(shorter!.changes).toMatchObject([
      { kind: 'bound', aspect: 'reach', direction: 'narrowed', before: { months: 36 }, after: { months: 0 } },
    ]);
  });

  it('splits an authorization by purpose: a new purpose is new access, with every field it grants', () => {
    const diffs = diffPolicySets(setOf({}), setOf({ purposes: ['UNEMPLOYMENT_BENEFIT', 'UNDUE_PAYMENT_RECOVERY'] }));
    expect(diffs.map((d) => [d.purpose, d.status, d.changes.length])).toEqual([['UNDUE_PAYMENT_RECOVERY', 'added', 2]]);
  });

  it('a change of partner withdraws from one and grants to the other', () => {
    const diffs = diffPolicySets(setOf({}), setOf({ partner: 'famiwal' }));
    expect(diffs.map((d) => [d.partner, d.status])).toEqual([
      ['capac', 'removed'],
      ['famiwal', 'added'],
    ]);
  });
});
