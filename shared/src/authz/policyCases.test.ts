import { describe, expect, it } from 'vitest';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { checkCaseCoverage } from './checkCaseCoverage.js';
import { loadPolicyCases } from './loadPolicyCases.js';
import { loadPolicySet } from './loadPolicySet.js';
import { formatProblem } from './PolicyLoadError.js';
import { policyDir } from './policyPaths.js';
import { runPolicyCase } from './runPolicyCase.js';

// The committee's real policy set, against the schema partners really see.
const schema = readApiSchema();
const set = loadPolicySet({ dir: policyDir, supergraph: schema });
const cases = loadPolicyCases({ dir: policyDir, set, schema });

describe('authz-policies cases', () => {
  it('every authorization has cases, with at least one allowed and one denied request', () => {
    expect(checkCaseCoverage(set, cases).map(formatProblem)).toEqual([]);
  });

  for (const policyCase of cases) {
    it(`${policyCase.authorizationId}: ${policyCase.name}`, () => {
      const { actual } = runPolicyCase(set, schema, policyCase);
      expect(actual).toEqual({
        expect: policyCase.expect,
        uncovered: policyCase.uncovered,
        ...(policyCase.code !== undefined && { code: policyCase.code }),
      });
    });
  }
});
