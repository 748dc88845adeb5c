import { type PolicyCase } from './loadPolicyCases.js';
import { type PolicySet } from './model.js';
import { type PolicyProblem } from './PolicyLoadError.js';
import { authorizationFileName } from './toAuthorization.js';

/**
 * Every authorization carries its own cases, at least one allowed and one
 * denied request: an allowed case shows the grant works, a denied one shows
 * where it stops. Without both, a change that widens or breaks access could
 * pass review unnoticed.
 */
export function checkCaseCoverage(set: PolicySet, cases: readonly PolicyCase[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const authorization of set.authorizations) {
    const own = cases.filter((c) => c.authorizationId === authorization.id);
    const casesFile = authorizationFileName(authorization.id).replace(/\.yaml$/, '.cases.yaml');
    const missing = (['allow', 'deny'] as const).filter((expect) => !own.some((c) => c.expect === expect));
    if (own.length === 0) {
      problems.push({
        ...authorization.location,
        message: `${authorization.id} has no cases: write ${casesFile} with allowed and denied requests`,
      });
    } else if (missing.length > 0) {
      const which = missing.map((m) => (m === 'allow' ? 'an allowed' : 'a denied')).join(' and ');
      problems.push({ ...authorization.location, message: `${authorization.id} needs ${which} case in ${casesFile}` });
    }
    // A scope that no case exercises could be lost in a change without anyone noticing.
    if (authorization.scope === 'followed' && !own.some((c) => c.code === 'PERSON_NOT_FOLLOWED')) {
      problems.push({
        ...authorization.location,
        message: `${authorization.id} is limited to followed persons: ${casesFile} needs a case denied with code PERSON_NOT_FOLLOWED`,
      });
    }
  }
  return problems;
}
