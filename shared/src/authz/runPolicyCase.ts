import { type GraphQLSchema } from 'graphql';
import { applicableAuthorizations } from './applicableAuthorizations.js';
import { capacitiesOf, checkScope, needsDirectory } from './checkScope.js';
import { checkOperation } from './checkOperation.js';
import { type PolicyCase } from './loadPolicyCases.js';
import { type PolicySet } from './model.js';
import { personsReached } from './personsReached.js';

export interface PolicyCaseOutcome {
  passed: boolean;
  /** What the check decided, in the case's own terms. */
  actual: { expect: 'allow' | 'deny'; uncovered: string[]; code?: 'PERSON_NOT_FOLLOWED' };
}

/**
 * Evaluates a case as the gateway would evaluate the request: the partner's
 * authorizations for the purpose, on the case's day; then, where one is
 * limited to followed persons, the scope, against the case's directory.
 */
export function runPolicyCase(set: PolicySet, schema: GraphQLSchema, policyCase: PolicyCase): PolicyCaseOutcome {
  const authorizations = applicableAuthorizations(set, {
    partnerId: policyCase.partner,
    purpose: policyCase.purpose,
    today: policyCase.date,
  });
  const input = {
    schema,
    document: policyCase.document,
    operationName: policyCase.operationName,
    variables: policyCase.variables,
    authorizations,
    today: policyCase.date,
  };
  const result = checkOperation(input);
  let actual: PolicyCaseOutcome['actual'] = result.allowed
    ? { expect: 'allow', uncovered: [] }
    : { expect: 'deny', uncovered: result.uncovered };
  if (result.allowed && needsDirectory(authorizations)) {
    const persons = personsReached(schema, policyCase.document, policyCase.operationName, policyCase.variables);
    const followed = new Map<string, Set<string>>();
    const everyCapacity = capacitiesOf(authorizations);
    for (const ssin of persons) followed.set(ssin, new Set(policyCase.followed ? [] : everyCapacity));
    for (const { ssin, capacity } of policyCase.followed ?? []) followed.get(ssin)?.add(capacity);
    if (!checkScope({ ...input, persons, followed }).allowed) actual = { expect: 'deny', uncovered: [], code: 'PERSON_NOT_FOLLOWED' };
  }
  const passed =
    actual.expect === policyCase.expect &&
    actual.uncovered.join('\n') === policyCase.uncovered.join('\n') &&
    actual.code === policyCase.code;
  return { passed, actual };
}
