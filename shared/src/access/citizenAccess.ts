import type { Authorization } from '../authz/model.js';

/**
 * The caller id a citizen's requests are recorded under. No partner may be
 * registered with it (partners.schema.json reserves it): the citizens' access
 * log leaves out the citizen's own reads by this id, so a partner named so
 * would vanish from every log.
 */
export const CITIZEN_PARTNER_ID = 'citizen';

/** The one purpose of a citizen's request, implicit: a citizen declares none. */
export const CITIZEN_PURPOSE = 'CITIZEN_ACCESS_LOG';

/**
 * What a citizen authenticated as themselves may read: their own access log,
 * and who holds a file on them in the reference directory, and nothing else — no person's data, not even their own, and not the
 * partners' self-service. Modelled as an authorization so that the gateway's
 * check and the subgraphs' rules treat it like any other; the audit subgraph's
 * resolver adds the rule no field grant can express (only the token's own SSIN,
 * NOT_OWN_DATA otherwise). Granted only to a request whose caller presented a
 * citizen token (`requestAccess` with `citizenSsin`), never through the policy
 * set, whose loader refuses any authorization granting Query.accessLog.
 */
export const citizenAccessAuthorization: Authorization = {
  id: 'CITIZEN-ACCESS-LOG',
  title: 'A citizen reads who consulted their data',
  legalBasis: 'The data subject has the right to know the recipients to whom their personal data have been disclosed (GDPR art. 15(1)(c)).',
  partner: CITIZEN_PARTNER_ID,
  purposes: [CITIZEN_PURPOSE],
  validFrom: '0000-01-01',
  validUntil: null,
  scope: 'all',
  capacities: [],
  grants: {
    // Their own log, as far back as it is kept: the audit subgraph limits each query's range.
    Query: [{ field: 'accessLog', history: 'whole' }, { field: 'followedBy' }],
    AccessLogPage: [{ field: 'entries' }, { field: 'nextCursor' }],
    AccessLogEntry: ['requestId', 'at', 'kind', 'partner', 'purpose', 'authorizations', 'data'].map((field) => ({ field })),
    AccessingPartner: [{ field: 'id' }, { field: 'name' }],
    ReleasedData: [{ field: 'source' }, { field: 'fields' }, { field: 'delivered' }],
    // Who holds a file on them (reference directory): the directory's resolver answers for their own SSIN only.
    DirectoryEntry: [{ field: 'partner' }, { field: 'capacity' }, { field: 'periods' }],
    DirectoryPartner: [{ field: 'id' }, { field: 'name' }],
    Capacity: [{ field: 'code' }, { field: 'name' }],
    CapacityName: [{ field: 'nl' }, { field: 'fr' }, { field: 'en' }],
    DirectoryPeriod: [{ field: 'from' }, { field: 'until' }, { field: 'recordedAt' }],
  },
  location: { file: 'shared/src/access/citizenAccess.ts', line: 1 },
};
