import { describe, expect, it } from 'vitest';
import { policyDirWith } from './__fixtures__/policyDirWith.js';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { loadPolicySet } from './loadPolicySet.js';
import { formatProblem, PolicyLoadError } from './PolicyLoadError.js';

const schema = readApiSchema();

function problemsOf(dir: string): string[] {
  try {
    loadPolicySet({ dir, supergraph: schema });
  } catch (error) {
    if (error instanceof PolicyLoadError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the set loaded, but problems were expected');
}

describe('grants reserved to one role', () => {
  it('lets the committee grant the audit trail to the security officer', () => {
    const set = loadPolicySet({ dir: policyDirWith(['audit-role']), supergraph: schema });
    expect(set.authorizations.map((a) => [a.id, a.partner, a.grants.Query])).toEqual([
      [
        'ISC/24/914',
        'security-officer',
        [
          { field: 'auditLogOfPartner', history: 'whole' },
          { field: 'auditLogOfPerson', history: 'whole' },
        ],
      ],
    ]);
  });

  it('refuses the audit trail to any other kind of partner, and a citizen’s access log to everyone, at the lines that grant them', () => {
    expect(problemsOf(policyDirWith(['audit-role', 'reserved-grants']))).toEqual([
      "ISC-24-915.yaml:11: Query.auditLogOfPerson is the security officer's view of the audit trail: only a partner of kind SECURITY_OFFICER may be granted it; capac is PAYMENT_INSTITUTION",
      "ISC-24-915.yaml:12: Query.accessLog is a citizen's own access log, which citizens alone read, under the built-in CITIZEN-ACCESS-LOG authorization; no authorization of the committee may grant it",
      "ISC-24-915.yaml:13: AuditRequestPage belongs to the security officer's view of the audit trail: only a partner of kind SECURITY_OFFICER may be granted it; capac is PAYMENT_INSTITUTION",
      "ISC-24-915.yaml:14: AccessLogPage belongs to a citizen's own access log, which citizens alone read, under the built-in CITIZEN-ACCESS-LOG authorization; no authorization of the committee may grant it",
      "ISC-24-916.yaml:9: Query.accessLog is a citizen's own access log, which citizens alone read, under the built-in CITIZEN-ACCESS-LOG authorization; no authorization of the committee may grant it",
      "ISC-24-916.yaml:10: AccessLogEntry belongs to a citizen's own access log, which citizens alone read, under the built-in CITIZEN-ACCESS-LOG authorization; no authorization of the committee may grant it",
    ]);
  });
});
