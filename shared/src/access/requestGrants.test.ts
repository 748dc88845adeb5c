import { describe, expect, it } from 'vitest';
import type { Authorization, PolicySet } from '../authz/model.js';
import { citizenAccessAuthorization } from './citizenAccess.js';
import { grantingAuthorizations, requestAccess } from './requestGrants.js';

const today = '2025-06-02';
const capacBenefit: Authorization = {
  id: 'ISC/24/017',
  title: 'Unemployment benefit',
  legalBasis: 'test',
  partner: 'capac',
  purposes: ['UNEMPLOYMENT_BENEFIT'],
  validFrom: '2024-01-01',
  validUntil: null,
  scope: 'all',
  capacities: [],
  grants: { Query: [{ field: 'person' }], Person: [{ field: 'name' }] },
  location: { file: 'ISC-24-017.yaml', line: 1 },
};
const set: PolicySet = { partners: new Map(), capacities: new Map(), purposes: new Map(), authorizations: [capacBenefit] };
const citizenFields = [
  'AccessLogEntry.at',
  'AccessLogEntry.authorizations',
  'AccessLogEntry.data',
  'AccessLogEntry.kind',
  'AccessLogEntry.partner',
  'AccessLogEntry.purpose',
  'AccessLogEntry.requestId',
  'AccessLogPage.entries',
  'AccessLogPage.nextCursor',
  'AccessingPartner.id',
  'AccessingPartner.name',
  'Capacity.code',
  'Capacity.name',
  'CapacityName.en',
  'CapacityName.fr',
  'CapacityName.nl',
  'DirectoryEntry.capacity',
  'DirectoryEntry.partner',
  'DirectoryEntry.periods',
  'DirectoryPartner.id',
  'DirectoryPartner.name',
  'DirectoryPeriod.from',
  'DirectoryPeriod.recordedAt',
  'DirectoryPeriod.until',
  'Query.accessLog',
  'Query.followedBy',
  'ReleasedData.delivered',
  'ReleasedData.fields',
  'ReleasedData.source',
];

describe("requestAccess: a citizen's access", () => {
  const access = requestAccess(set, { citizenSsin: '85073003328', today });

  it('is CITIZEN-ACCESS-LOG alone, recorded as the caller citizen with the purpose CITIZEN_ACCESS_LOG', () => {
    expect(access).toEqual({
      partnerId: 'citizen',
      purpose: 'CITIZEN_ACCESS_LOG',
      today,
      authorizations: [citizenAccessAuthorization],
      grants: expect.anything(),
      citizenSsin: '85073003328',
    });
    expect(grantingAuthorizations(access).map((a) => a.id)).toEqual(['CITIZEN-ACCESS-LOG']);
  });

  it('grants exactly the access log: no self-service, no partner field', () => {
    expect([...access.grants.fields].sort()).toEqual(citizenFields);
    expect(access.grants.fields.has('Query.myAuthorizations')).toBe(false);
    expect(access.grants.fields.has('Query.person')).toBe(false);
  });

  it('grants nothing in a subgraph whose gateway token does not name CITIZEN-ACCESS-LOG', () => {
    const narrowed = requestAccess(set, { citizenSsin: '85073003328', today, onlyIds: ['ISC/24/017'] });
    expect(narrowed.authorizations).toEqual([]);
    expect(narrowed.grants.fields.size).toBe(0);
  });
});

describe("requestAccess: a partner's access", () => {
  const access = requestAccess(set, { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', today });

  it('never carries a citizen, and never the citizen grants', () => {
    expect(access).not.toHaveProperty('citizenSsin');
    for (const field of citizenFields) expect(access.grants.fields.has(field)).toBe(false);
  });

  it('is its authorizations plus self-service, even when a subgraph is told CITIZEN-ACCESS-LOG', () => {
    expect(grantingAuthorizations(access).map((a) => a.id)).toEqual(['ISC/24/017', 'SELF-SERVICE']);
    const told = requestAccess(set, { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', today, onlyIds: ['CITIZEN-ACCESS-LOG'] });
    expect(told.authorizations).toEqual([]);
    expect([...told.grants.fields].some((f) => f.startsWith('AccessLog'))).toBe(false);
  });
});
