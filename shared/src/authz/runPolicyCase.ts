import { type GraphQLSchema } from 'graphql';
import { applicableAuthorizations } from './applicableAuthorizations.js';
import { checkOperation } from './checkOperation.js';
import { type PolicyCase } from './loadPolicyCases.js';
import { type PolicySet } from './model.js';

export interface PolicyCaseOutcome {
  passed: boolean;
  /** What the check decided, in the case's own terms. */
  actual: { expect: 'allow' | 'deny'; uncovered: string[] };
}

/** Evaluates a case as the gateway would evaluate the request: the partner's authorizations for the purpose, on the case's day. */
export function runPolicyCase(set: PolicySet, schema: GraphQLSchema, policyCase: PolicyCase): PolicyCaseOutcome {
  const authorizations = applicableAuthorizations(set, {
    partnerId: policyCase.partner,
    purpose: policyCase.purpose,
    today: policyCase.date,
  });
  const result = checkOperation({
    schema,
    document: policyCase.document,
    operationName: policyCase.operationName,
    variables: policyCase.variables,
    authorizations,
    today: policyCase.date,
  });
  const actual = result.allowed ? { expect: 'allow' as const, uncovered: [] } : { expect: 'deny' as const, uncovered: result.uncovered };
  const passed = actual.expect === policyCase.expect && actual.uncovered.join('\n') === policyCase.uncovered.join('\n');
  return { passed, actual };
}
