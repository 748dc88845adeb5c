import { describe, expect, it } from 'vitest';
import { policyDirWith } from './__fixtures__/policyDirWith.js';
import { readApiSchema } from './apiSchemaFromSupergraph.js';
import { checkCaseCoverage } from './checkCaseCoverage.js';
import { loadPolicyCases } from './loadPolicyCases.js';
import { loadPolicySet } from './loadPolicySet.js';
import { formatProblem, PolicyLoadError } from './PolicyLoadError.js';

const schema = readApiSchema();

const allowCase = `- name: reads a name
  partner: capac
  purpose: UNEMPLOYMENT_BENEFIT
  query: '{ person(ssin: "85073003328") { name { lastName } } }'
  expect: allow
`;

function load(extra: Record<string, string>) {
  const dir = policyDirWith(['valid'], extra);
  const set = loadPolicySet({ dir, supergraph: schema });
  return { set, cases: () => loadPolicyCases({ dir, set, schema }) };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyLoadError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the cases loaded, but problems were expected');
}

describe('loadPolicyCases', () => {
  it("defaults a case's date to the first day of its authorization", () => {
    const { cases } = load({ 'ISC-24-900.cases.yaml': allowCase });
    expect(cases()).toMatchObject([
      { authorizationId: 'ISC/24/900', name: 'reads a name', date: '2024-01-01', expect: 'allow', uncovered: [] },
    ]);
  });

  it('refuses a case whose partner or purpose does not exist, which would pass without testing anything', () => {
    const { cases } = load({
      'ISC-24-900.cases.yaml': allowCase
        .replace('partner: capac', 'partner: capak')
        .replace('UNEMPLOYMENT_BENEFIT', 'UNEMPLOYMENT_BENEFITS'),
    });
    expect(problemsOf(cases)).toEqual([
      "ISC-24-900.cases.yaml:2: unknown partner capak (did you mean 'capac'?)",
      "ISC-24-900.cases.yaml:3: unknown purpose UNEMPLOYMENT_BENEFITS (did you mean 'UNEMPLOYMENT_BENEFIT'?)",
    ]);
  });

  it('refuses a query that is not valid against the schema, at its line', () => {
    const multiLine = allowCase.replace(/query: .*\n/, 'query: |\n    {\n      person(ssin: "85073003328") { nam }\n    }\n');
    const { cases } = load({ 'ISC-24-900.cases.yaml': multiLine });
    expect(problemsOf(cases)).toEqual(['ISC-24-900.cases.yaml:6: query: Cannot query field "nam" on type "Person". Did you mean "name"?']);
  });

  it('refuses a denied case without its uncovered list', () => {
    const { cases } = load({ 'ISC-24-900.cases.yaml': allowCase.replace('expect: allow', 'expect: deny') });
    expect(problemsOf(cases)).toEqual(["ISC-24-900.cases.yaml:1: [0]: missing required property 'uncovered'"]);
  });

  it('refuses an allowed case with an uncovered list', () => {
    const { cases } = load({ 'ISC-24-900.cases.yaml': `${allowCase}  uncovered: [Person.name]\n` });
    expect(problemsOf(cases)).toEqual(['ISC-24-900.cases.yaml:6: an allowed case lists no uncovered fields']);
  });

  it('refuses a cases file without its authorization', () => {
    const { cases } = load({ 'ISC-24-999.cases.yaml': allowCase });
    expect(problemsOf(cases)).toEqual(['ISC-24-999.cases.yaml:1: there is no authorization ISC-24-999.yaml beside this cases file']);
  });
});

describe('checkCaseCoverage', () => {
  it('reports an authorization without cases', () => {
    const { set, cases } = load({});
    expect(checkCaseCoverage(set, cases()).map(formatProblem)).toEqual([
      'ISC-24-900.yaml:1: ISC/24/900 has no cases: write ISC-24-900.cases.yaml with allowed and denied requests',
    ]);
  });

  it('reports an authorization with only allowed cases', () => {
    const { set, cases } = load({ 'ISC-24-900.cases.yaml': allowCase });
    expect(checkCaseCoverage(set, cases()).map(formatProblem)).toEqual([
      'ISC-24-900.yaml:1: ISC/24/900 needs a denied case in ISC-24-900.cases.yaml',
    ]);
  });
});
