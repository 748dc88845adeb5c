import { type Partner } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { type PolicyYaml } from './readPolicyYaml.js';
import { type AuthorizationFile } from './toAuthorization.js';

/** The security officer's view of the audit trail: its queries and the types only they reach. */
const AUDIT_QUERIES = new Set(['auditLogOfPartner', 'auditLogOfPerson']);
const AUDIT_TYPES = new Set(['AuditRequestPage', 'AuditedRequest', 'AuditedRelease', 'UndeliveredCall']);
/** A citizen's access log: granted by the built-in CITIZEN-ACCESS-LOG authorization, never by a policy file. */
const CITIZEN_QUERIES = new Set(['accessLog']);
const CITIZEN_TYPES = new Set(['AccessLogPage', 'AccessLogEntry', 'AccessingPartner', 'ReleasedData']);

const fieldOf = (grant: AuthorizationFile['grants'][string][number]): string => (typeof grant === 'string' ? grant : grant.field);

/**
 * Grants the committee's files may not make whatever they say, because the
 * law gives them to one role. Reading the audit trail — every partner's and
 * every person's consultations — is the information security officer's task
 * (law of 15 January 1990, art. 2/3), so only a partner of kind
 * SECURITY_OFFICER may hold it. A citizen's access log is theirs alone: no
 * institution may be granted it, whatever its kind. Reported at the line of
 * the grant, with the rest of the set's problems.
 */
export function checkReservedGrants(
  yaml: PolicyYaml,
  raw: AuthorizationFile,
  partners: ReadonlyMap<string, Partner> | undefined,
  problems: PolicyProblem[],
): void {
  const report = (line: number, message: string): void => void problems.push({ file: yaml.file, line, message });
  const partner = partners?.get(raw.partner);
  const auditRefusal = (what: string) =>
    `${what} the security officer's view of the audit trail: only a partner of kind SECURITY_OFFICER may be granted it; ` +
    `${raw.partner} is ${partner!.kind}`;
  const citizenRefusal = (what: string) =>
    `${what} a citizen's own access log, which citizens alone read, under the built-in CITIZEN-ACCESS-LOG authorization; ` +
    `no authorization of the committee may grant it`;

  for (const [typeName, grants] of Object.entries(raw.grants)) {
    const typeLine = yaml.lineAt(['grants'], typeName);
    if (CITIZEN_TYPES.has(typeName)) report(typeLine, citizenRefusal(`${typeName} belongs to`));
    // An unknown partner is reported already; its kind cannot be judged.
    if (AUDIT_TYPES.has(typeName) && partner && partner.kind !== 'SECURITY_OFFICER')
      report(typeLine, auditRefusal(`${typeName} belongs to`));
    if (typeName !== 'Query') continue;
    grants.forEach((grant, index) => {
      const field = fieldOf(grant);
      const line = yaml.lineAt(['grants', 'Query', index]);
      if (CITIZEN_QUERIES.has(field)) report(line, citizenRefusal(`Query.${field} is`));
      if (AUDIT_QUERIES.has(field) && partner && partner.kind !== 'SECURITY_OFFICER') report(line, auditRefusal(`Query.${field} is`));
    });
  }
}
