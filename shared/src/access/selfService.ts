import type { Authorization } from '../authz/model.js';

/**
 * What every authenticated partner may read without a committee decision: its
 * own authorizations (`myAuthorizations`), which are public anyway. Modelled as
 * one more authorization so that the gateway's check and the subgraphs' rules
 * treat it exactly like the others. It names no person's data.
 */
export const selfServiceAuthorization: Authorization = {
  id: 'SELF-SERVICE',
  title: 'A partner reads its own authorizations',
  legalBasis: 'The authorizations of the Information Security Committee are public.',
  partner: '*',
  purposes: ['*'],
  validFrom: '0000-01-01',
  validUntil: null,
  scope: 'all',
  capacities: [],
  grants: {
    Query: [{ field: 'myAuthorizations' }],
    Authorization: ['id', 'title', 'legalBasis', 'purposes', 'validFrom', 'validUntil', 'scope', 'appliesToDeclaredPurpose', 'grants'].map(
      (field) => ({ field }),
    ),
    TypeGrant: [{ field: 'type' }, { field: 'fields' }],
    FieldGrant: [{ field: 'field' }, { field: 'argumentBounds' }],
    ArgumentBound: [{ field: 'argument' }, { field: 'notBeforeMonthsAgo' }],
  },
  location: { file: 'shared/src/access/selfService.ts', line: 1 },
};
