import { GraphQLError } from 'graphql';

/** The security officer's queries; a bound on one of their arguments shows as `Query.auditLogOfPartner(from)`. */
const AUDIT_QUERY = /^Query\.auditLogOf(Partner|Person)\b/;

/** Whether what the preventive check found uncovered includes the security officer's view of the audit trail. */
export function needsAuditRole(uncovered: readonly string[]): boolean {
  return uncovered.some((coordinate) => AUDIT_QUERY.test(coordinate));
}

/**
 * The refusal of a request for the audit trail by someone who does not hold the
 * audit role. A plain FORBIDDEN would suggest that some authorization could be
 * asked for; this one says who alone can hold it.
 */
export function auditRoleRequired(uncovered: string[], caller: { partnerId: string; purpose: string }): GraphQLError {
  return new GraphQLError(
    `Reading the audit trail needs the audit role, which the Information Security Committee grants by authorization to the ` +
      `information security officer alone, for purpose SECURITY_AUDIT. Partner ${caller.partnerId} with purpose ${caller.purpose} ` +
      `is not covered for ${uncovered.join(', ')}; nothing was read.`,
    { extensions: { code: 'AUDIT_ROLE_REQUIRED', uncovered, http: { status: 403 } } },
  );
}
