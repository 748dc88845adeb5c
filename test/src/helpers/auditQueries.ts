import type { AuditedRequestView } from '@crossroads/subgraph-audit';
import { graphqlRequest, type GraphQLResponse } from './graphqlRequest.js';
import { partnerHeaders } from './partnerHeaders.js';

/** The CBSS information security officer auditing the trail (ISC/24/060). */
export const securityOfficer = () => partnerHeaders('security-officer', 'SECURITY_AUDIT');

export const AUDITED_REQUEST_FIELDS = `requestId at partner endUser purpose authorizations operationName documentHash outcome code durationMs
  named lookedUp releases { source call at persons fields delivered } undelivered { source call reason }`;

export const partnerLogQuery = `query PartnerLog($partner: ID!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  auditLogOfPartner(partner: $partner, from: $from, to: $to, first: $first, after: $after) { requests { ${AUDITED_REQUEST_FIELDS} } nextCursor }
}`;

export const personLogQuery = `query PersonLog($ssin: SSIN!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  auditLogOfPerson(ssin: $ssin, from: $from, to: $to, first: $first, after: $after) { requests { ${AUDITED_REQUEST_FIELDS} } nextCursor }
}`;

/** What the audit subgraph answers for one request, as its resolvers build it. */
export type AuditedRequest = AuditedRequestView;

type Page = { requests: AuditedRequest[]; nextCursor: string | null };

/**
 * Follows `nextCursor` from the first page to the last, as the security
 * officer, and returns every request, the number of pages it took and the
 * request ids of its own calls. Stops with an error after `maxPages`, so a
 * cursor that never ends fails the test.
 */
export async function allPages(
  gatewayUrl: string,
  query: string,
  field: 'auditLogOfPartner' | 'auditLogOfPerson',
  variables: Record<string, unknown>,
  maxPages = 1000,
): Promise<{ requests: AuditedRequest[]; pages: number; readBy: string[] }> {
  const requests: AuditedRequest[] = [];
  const readBy: string[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= maxPages; pages++) {
    const response: GraphQLResponse = await graphqlRequest(gatewayUrl, query, { ...variables, after }, await securityOfficer());
    readBy.push(response.requestId!);
    const page = response.body.data?.[field] as Page | undefined;
    if (!page) throw new Error(`page ${pages} failed: ${JSON.stringify(response.body.errors)}`);
    requests.push(...page.requests);
    if (page.nextCursor === null) return { requests, pages, readBy };
    after = page.nextCursor;
  }
  throw new Error(`more than ${maxPages} pages`);
}
