import { describe, expect, it } from 'vitest';
import { applicableAuthorizations } from './applicableAuthorizations.js';
import { type Authorization, type PolicySet } from './model.js';

function authorization(id: string, partner: string, purposes: string[], validFrom: string, validUntil: string | null): Authorization {
  return {
    id,
    title: id,
    legalBasis: 'test',
    partner,
    purposes,
    validFrom,
    validUntil,
    scope: 'all',
    capacities: [],
    grants: {},
    location: { file: 'x.yaml', line: 1 },
  };
}

const set: PolicySet = {
  partners: new Map(),
  capacities: new Map(),
  purposes: new Map(),
  authorizations: [
    authorization('ISC/24/017', 'capac', ['UNEMPLOYMENT_BENEFIT'], '2024-03-05', null),
    authorization('ISC/24/031', 'capac', ['UNDUE_PAYMENT_RECOVERY'], '2024-06-01', null),
    authorization('ISC/23/058', 'forem', ['JOB_SEEKER_GUIDANCE'], '2023-06-01', '2024-12-31'),
  ],
};
const ids = (list: Authorization[]) => list.map((a) => a.id);

describe('applicableAuthorizations', () => {
  it("keeps the partner's authorizations for the declared purpose", () => {
    expect(ids(applicableAuthorizations(set, { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', today: '2025-01-01' }))).toEqual([
      'ISC/24/017',
    ]);
  });

  it("leaves out another partner's authorizations for the same purpose", () => {
    expect(applicableAuthorizations(set, { partnerId: 'famiwal', purpose: 'UNEMPLOYMENT_BENEFIT', today: '2025-01-01' })).toEqual([]);
  });

  it('counts both the first and the last day of validity', () => {
    expect(ids(applicableAuthorizations(set, { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', today: '2024-03-05' }))).toEqual([
      'ISC/24/017',
    ]);
    expect(ids(applicableAuthorizations(set, { partnerId: 'forem', purpose: 'JOB_SEEKER_GUIDANCE', today: '2024-12-31' }))).toEqual([
      'ISC/23/058',
    ]);
    expect(applicableAuthorizations(set, { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', today: '2024-03-04' })).toEqual([]);
    expect(applicableAuthorizations(set, { partnerId: 'forem', purpose: 'JOB_SEEKER_GUIDANCE', today: '2025-01-01' })).toEqual([]);
  });

  it('takes the day of a Date in Brussels, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels: the authorization has expired.
    const newYear = new Date('2024-12-31T23:30:00Z');
    expect(applicableAuthorizations(set, { partnerId: 'forem', purpose: 'JOB_SEEKER_GUIDANCE', today: newYear })).toEqual([]);
  });
});
