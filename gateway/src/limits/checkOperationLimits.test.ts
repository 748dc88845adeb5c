import { readApiSchema, type RequestLimits } from '@crossroads/shared';
import { describe, expect, it } from 'vitest';
import { checkOperationLimits } from './checkOperationLimits.js';
import { DEFAULT_PARTNER_LIMITS } from './requestLimits.js';

const schema = readApiSchema();
const SSIN = '85073003328';
const ssins = (n: number) => Array.from({ length: n }, () => SSIN);
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

/** The refusal's public face, or 'allowed'. */
function verdict(query: string, variables?: Record<string, unknown>, limits: Partial<RequestLimits> = {}) {
  try {
    checkOperationLimits(schema, { query, ...(variables ? { variables } : {}) }, { ...DEFAULT_PARTNER_LIMITS, ...limits });
    return 'allowed';
  } catch (error) {
    const refusal = error as { status: number; code: string; extensions: Record<string, unknown>; message: string };
    return { status: refusal.status, code: refusal.code, ...refusal.extensions, message: refusal.message };
  }
}

describe('checkOperationLimits', () => {
  it("lets the README's query through", () => {
    const query = `query ($ssin: SSIN!) { person(ssin: $ssin) { name { lastName firstNames } address { street houseNumber postalCode municipality }
      employments { employer { name } jointCommittee { code name { nl fr } } startDate endDate }
      unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month daysCompensated grossAmountCents payingOrganisation { name } } } }`;
    expect(verdict(query, { ssin: SSIN })).toBe('allowed');
  });

  it('lets persons of 1,000 SSINs through with the same selection', () => {
    const query = `query ($s: [SSIN!]!) { persons(ssins: $s) { name { lastName } employments { employer { name } startDate endDate }
      unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month grossAmountCents } } }`;
    expect(verdict(query, { s: ssins(1000) })).toBe('allowed');
  });

  it('refuses a document larger than its byte limit before parsing it', () => {
    expect(verdict(`{ __typename ${' '.repeat(40_000)}}`)).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'documentBytes',
      max: 32_768,
    });
  });

  it('stops parsing at the token limit', () => {
    expect(verdict(`{ ${'a '.repeat(4_100)} }`)).toMatchObject({ limit: 'tokens', max: 4_000 });
  });

  it('counts aliases inside fragments and nested selections, whatever the fields', () => {
    expect(
      verdict(`query ($s: [SSIN!]!) { persons(ssins: $s) { ...F } } fragment F on Person { ${aliases(16, 'ssin')} }`, { s: [SSIN] }),
    ).toMatchObject({
      limit: 'aliases',
      max: 15,
      message: 'Aliases limit of 15 exceeded, found 16; nothing was read.',
    });
  });

  it('refuses nesting deeper than the depth limit', () => {
    expect(
      verdict(`{ person(ssin: "${SSIN}") { employments { employer { jointCommittee { name { nl } } } } } }`, undefined, { depth: 4 }),
    ).toMatchObject({
      limit: 'depth',
    });
  });

  it('refuses too many directives', () => {
    expect(verdict(`{ __typename ${'@include(if: true) '.repeat(21)} }`)).toMatchObject({ limit: 'directives', max: 20 });
  });

  it('refuses too many root fields even without aliases on different fields', () => {
    expect(
      verdict(`{ ${aliases(5, 'myAuthorizations { id }')} ${Array.from({ length: 6 }, () => '__typename').join(' ')} }`),
    ).toMatchObject({
      limit: 'rootFields',
      max: 10,
    });
  });

  it('refuses a document with more field selections than allowed, aliases or not', () => {
    expect(verdict(`{ person(ssin: "${SSIN}") { ${'name { lastName firstNames } '.repeat(150)} } }`)).toMatchObject({
      limit: 'fields',
      max: 400,
    });
  });

  it('gives aliases of persons one shared budget of persons', () => {
    expect(verdict(`query ($s: [SSIN!]!) { ${aliases(2, 'persons(ssins: $s) { ssin }')} }`, { s: ssins(600) })).toMatchObject({
      status: 400,
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'persons',
      max: 1000,
      message: 'The request names 1,200 persons, across every alias of person and persons; at most 1,000 are allowed; nothing was read.',
    });
  });

  it('counts SSINs given inline, in variables and in variable defaults alike', () => {
    expect(
      verdict(
        `{ persons(ssins: [${ssins(3)
          .map((s) => `"${s}"`)
          .join(',')}]) { ssin } }`,
        undefined,
        { persons: 2 },
      ),
    ).toMatchObject({ limit: 'persons' });
    expect(
      verdict(`query ($s: [SSIN!]! = ["${SSIN}", "${SSIN}", "${SSIN}"]) { persons(ssins: $s) { ssin } }`, undefined, { persons: 2 }),
    ).toMatchObject({
      limit: 'persons',
    });
  });

  it('multiplies nested lists, so aliases at every level cost what their answer would', () => {
    const query = `query ($s: [SSIN!]!) { persons(ssins: $s) { ${aliases(3, `employments(first: 200) { ${aliases(3, 'employer { name }')} }`)} } }`;
    expect(verdict(query, { s: ssins(1000) })).toMatchObject({ limit: 'cost', max: 1_500_000 });
  });

  it('leaves syntax errors to GraphQL, which reports where they are', () => {
    expect(verdict('{ person(ssin: ')).toBe('allowed');
  });

  it('bears fragment cycles and unknown fields (validation refuses them later)', () => {
    expect(verdict('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A nope { deeper } }')).toBe('allowed');
  });
});
