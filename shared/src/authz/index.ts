// The committee's authorizations as code: loading and checking the policy set,
// and the preventive check of each request against it. Re-exported from the
// package root (shared/src/index.ts) once wired.
export type * from './model.js';
export { loadPolicySet, listAuthorizationFiles, type LoadPolicySetOptions } from './loadPolicySet.js';
export { PolicyLoadError, formatProblem, type PolicyProblem } from './PolicyLoadError.js';
export { applicableAuthorizations, type ApplicableAuthorizationsQuery } from './applicableAuthorizations.js';
export { checkOperation, type CheckOperationInput, type OperationCheck } from './checkOperation.js';
export { type BoundViolation } from './checkArgumentBounds.js';
export { compileGrants, type CompiledGrants, type ArgumentBounds } from './compileGrants.js';
export { apiSchemaFromSupergraph, readApiSchema } from './apiSchemaFromSupergraph.js';
export { loadPolicyCases, type PolicyCase } from './loadPolicyCases.js';
export { checkCaseCoverage } from './checkCaseCoverage.js';
export { runPolicyCase, type PolicyCaseOutcome } from './runPolicyCase.js';
export { policyDir, supergraphFile } from './policyPaths.js';
export { isoDateMonthsBefore } from './isoDateMonthsBefore.js';
export { boundsHold, dateBoundHolds, earliestAllowed, releasableFrom as releasableFromGrants } from './dateBounds.js';
