import { buildSchema, getOperationAST, GraphQLError, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkIdentifierInputs } from './checkIdentifierInputs.js';

// As the gateway's schema has them: our scalars by name only, so graphql-js itself lets anything through.
const schema = buildSchema(`
  scalar SSIN
  scalar EnterpriseNumber
  scalar Date
  input PersonFilter { ssin: SSIN, ssins: [SSIN!], employer: EnterpriseNumber, since: Date, nested: PersonFilter, note: String }
  type Query {
    person(ssin: SSIN!): String
    persons(ssins: [SSIN!]!): String
    grid(ssins: [[SSIN]]): String
    find(filter: PersonFilter): String
    employer(enterpriseNumber: EnterpriseNumber!): String
    payments(from: Date!): String
    count(n: Int): String
  }
`);

const VALID = '85073003328';
const VALID_FORMATTED = '85.07.30-033.28';
const OTHER = '03021415813';
const BAD_CHECK = '85073003329';
const CHECK_DIGITS =
  'The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.';
const NOT_A_STRING = 'An SSIN must be given as a string of 11 digits.';

function check(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(source);
  // The gateway runs the check on documents its schema validated.
  expect(validate(schema, document)).toEqual([]);
  return checkIdentifierInputs({ schema, document, operation: getOperationAST(document, operationName) ?? undefined, variables });
}

/** The error a check throws, as the client receives it (message and extensions). */
function refusal(source: string, variables: Record<string, unknown> = {}, operationName?: string) {
  try {
    check(source, variables, operationName);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { message, extensions } = error as GraphQLError;
    // Whatever the path, the message never carries the value.
    for (const value of [BAD_CHECK, '0403170702', '2024-02-30']) expect(message).not.toContain(value);
    return { message, extensions };
  }
  throw new Error('expected the check to refuse the request');
}

const refused = (message: string, rule: string) => ({ message, extensions: { code: 'BAD_USER_INPUT', rule, http: { status: 400 } } });

describe('checkIdentifierInputs: variables, against their declared types', () => {
  it('checks a variable and notes the SSIN it names, as 11 digits', () => {
    expect(check('query ($s: SSIN!) { person(ssin: $s) }', { s: VALID_FORMATTED })).toEqual(new Set([VALID]));
  });

  it('refuses wrong check digits, naming the variable and the rule, not the value', () => {
    expect(refusal('query ($s: SSIN!) { person(ssin: $s) }', { s: BAD_CHECK })).toEqual(
      refused(`Variable "$s": ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'),
    );
  });

  it('refuses a list given for one SSIN, even when every item is valid', () => {
    expect(refusal('query ($s: SSIN!) { person(ssin: $s) }', { s: [VALID, OTHER] })).toEqual(
      refused(`Variable "$s" is a list where one SSIN is expected. ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
  });

  it('refuses an object or a number given for one SSIN', () => {
    expect(refusal('query ($s: SSIN!) { person(ssin: $s) }', { s: { ssin: VALID } })).toEqual(
      refused(`Variable "$s": ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
    expect(refusal('query ($s: SSIN!) { person(ssin: $s) }', { s: 85073003328 })).toEqual(
      refused(`Variable "$s": ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
  });

  it('notes the SSINs checked before a refusal, for the audit trail', () => {
    const document = parse('query ($s: [SSIN!]!) { persons(ssins: $s) }');
    const named = new Set<string>();
    expect(() =>
      checkIdentifierInputs(
        { schema, document, operation: getOperationAST(document)!, variables: { s: [VALID, OTHER, BAD_CHECK] } },
        named,
      ),
    ).toThrow(GraphQLError);
    expect(named).toEqual(new Set([VALID, OTHER]));
  });

  it('checks every item of a list, naming the bad one by its index', () => {
    expect(refusal('query ($s: [SSIN!]!) { persons(ssins: $s) }', { s: [VALID, BAD_CHECK] })).toEqual(
      refused(`Variable "$s" at [1]: ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'),
    );
  });

  it('refuses a list inside a list where SSINs are expected', () => {
    expect(refusal('query ($s: [SSIN!]!) { persons(ssins: $s) }', { s: [[VALID]] })).toEqual(
      refused(`Variable "$s" at [0] is a list where one SSIN is expected. ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
  });

  it('takes one SSIN given for a list as a list of one, as graphql-js does, and checks it', () => {
    expect(check('query ($s: [SSIN!]!) { persons(ssins: $s) }', { s: VALID })).toEqual(new Set([VALID]));
    expect(refusal('query ($s: [SSIN!]!) { persons(ssins: $s) }', { s: BAD_CHECK }).extensions.rule).toBe('SSIN_CHECK_DIGITS');
  });

  it('checks lists of lists', () => {
    expect(check('query ($g: [[SSIN]]) { grid(ssins: $g) }', { g: [[VALID, null], [OTHER]] })).toEqual(new Set([VALID, OTHER]));
    expect(refusal('query ($g: [[SSIN]]) { grid(ssins: $g) }', { g: [[VALID], [OTHER, BAD_CHECK]] })).toEqual(
      refused(`Variable "$g" at [1] at [1]: ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'),
    );
  });

  it('checks the fields of an input object, at any depth', () => {
    const query = 'query ($f: PersonFilter) { find(filter: $f) }';
    expect(check(query, { f: { ssin: VALID, nested: { ssins: [OTHER] }, note: 'free text' } })).toEqual(new Set([VALID, OTHER]));
    expect(refusal(query, { f: { nested: { nested: { ssins: [VALID, BAD_CHECK] } } } })).toEqual(
      refused(`Variable "$f", field "nested", field "nested", field "ssins" at [1]: ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'),
    );
    expect(refusal(query, { f: { employer: '0403170702' } }).extensions.rule).toBe('ENTERPRISE_NUMBER_CHECK_DIGITS');
    expect(refusal(query, { f: { since: ['2024-01-01'] } })).toEqual(
      refused(
        expect.stringMatching(/^Variable "\$f", field "since" is a list where one Date is expected\. /) as unknown as string,
        'DATE_FORMAT',
      ),
    );
  });

  it('leaves nulls and values of other types to graphql-js', () => {
    expect(check('query ($g: [[SSIN]], $n: Int) { grid(ssins: $g) count(n: $n) }', { g: null, n: 'not checked here' })).toEqual(new Set());
  });

  it('checks enterprise numbers and dates by their own rules', () => {
    expect(refusal('query ($e: EnterpriseNumber!) { employer(enterpriseNumber: $e) }', { e: '0403170702' }).extensions.rule).toBe(
      'ENTERPRISE_NUMBER_CHECK_DIGITS',
    );
    expect(refusal('query ($e: EnterpriseNumber!) { employer(enterpriseNumber: $e) }', { e: ['0403170701'] }).extensions.rule).toBe(
      'ENTERPRISE_NUMBER_FORMAT',
    );
    expect(refusal('query ($d: Date!) { payments(from: $d) }', { d: '2024-02-30' }).extensions.rule).toBe('DATE_FORMAT');
  });
});

describe('checkIdentifierInputs: default values', () => {
  it('refuses a bad default value when the variable is not given', () => {
    expect(refusal(`query ($s: SSIN = "${BAD_CHECK}") { person(ssin: $s) }`)).toEqual(
      refused(`Default value of "$s": ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'),
    );
  });

  it('refuses a bad default value even when the variable is given', () => {
    expect(refusal(`query ($s: SSIN = "${BAD_CHECK}") { person(ssin: $s) }`, { s: VALID }).extensions.rule).toBe('SSIN_CHECK_DIGITS');
  });

  it('refuses a list as the default of one SSIN, and a bad item in a default list', () => {
    expect(refusal(`query ($s: SSIN = ["${VALID}"]) { person(ssin: $s) }`)).toEqual(
      refused(`Default value of "$s" is a list where one SSIN is expected. ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
    expect(refusal(`query ($s: [SSIN!] = ["${VALID}", "${BAD_CHECK}"]) { persons(ssins: $s) }`).message).toBe(
      `Default value of "$s" at [1]: ${CHECK_DIGITS}`,
    );
  });

  it('refuses a bad SSIN deep in the default of an input object', () => {
    expect(refusal(`query ($f: PersonFilter = { nested: { ssin: "${BAD_CHECK}" } }) { find(filter: $f) }`).message).toBe(
      `Default value of "$f", field "nested", field "ssin": ${CHECK_DIGITS}`,
    );
  });

  it('notes the SSIN of a default value', () => {
    expect(check(`query ($s: SSIN = "${VALID_FORMATTED}") { person(ssin: $s) }`)).toEqual(new Set([VALID]));
  });
});

describe('checkIdentifierInputs: literals', () => {
  it('checks a literal argument and notes it', () => {
    expect(check(`{ person(ssin: "${VALID_FORMATTED}") }`)).toEqual(new Set([VALID]));
    expect(refusal(`{ person(ssin: "${BAD_CHECK}") }`)).toEqual(refused(`Argument "ssin": ${CHECK_DIGITS}`, 'SSIN_CHECK_DIGITS'));
  });

  it('refuses a list literal given for one SSIN', () => {
    expect(refusal(`{ person(ssin: ["${VALID}"]) }`)).toEqual(
      refused(`Argument "ssin" is a list where one SSIN is expected. ${NOT_A_STRING}`, 'SSIN_FORMAT'),
    );
  });

  it('refuses a number or an object literal given for one SSIN', () => {
    expect(refusal('{ person(ssin: 85073003328) }').extensions.rule).toBe('SSIN_FORMAT');
    expect(refusal(`{ person(ssin: { ssin: "${VALID}" }) }`).extensions.rule).toBe('SSIN_FORMAT');
  });

  it('checks every item of a list literal, and variables inside it as variables', () => {
    expect(refusal(`{ persons(ssins: ["${VALID}", "${BAD_CHECK}"]) }`).message).toBe(`Argument "ssins" at [1]: ${CHECK_DIGITS}`);
    expect(check(`query ($s: SSIN!) { persons(ssins: ["${OTHER}", $s]) }`, { s: VALID })).toEqual(new Set([OTHER, VALID]));
    expect(refusal(`query ($s: SSIN!) { persons(ssins: ["${OTHER}", $s]) }`, { s: [VALID] }).extensions.rule).toBe('SSIN_FORMAT');
  });

  it('checks the fields of an input-object literal', () => {
    expect(refusal(`{ find(filter: { ssins: ["${VALID}"], nested: { ssin: "${BAD_CHECK}" } }) }`).message).toBe(
      `Argument "filter", field "nested", field "ssin": ${CHECK_DIGITS}`,
    );
  });

  it('checks the literals of every operation in the document, not only the one that runs', () => {
    const document = `query A { person(ssin: "${VALID}") } query B { person(ssin: "${BAD_CHECK}") }`;
    expect(refusal(document, {}, 'A').extensions.rule).toBe('SSIN_CHECK_DIGITS');
  });

  it('checks literals inside fragments', () => {
    expect(refusal(`{ ...F } fragment F on Query { person(ssin: "${BAD_CHECK}") }`).extensions.rule).toBe('SSIN_CHECK_DIGITS');
  });

  it('checks the variables of every operation when the one to run cannot be determined', () => {
    const document = 'query A($a: SSIN!) { person(ssin: $a) } query B($b: SSIN!) { person(ssin: $b) }';
    expect(refusal(document, { a: VALID, b: [VALID] }).extensions.rule).toBe('SSIN_FORMAT');
  });
});
