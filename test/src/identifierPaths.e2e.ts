import { formatSsin } from '@crossroads/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { follow, followingPartners } from './helpers/followers.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { settleLogs, sourcesThatServed } from './helpers/serviceLog.js';

const { gatewayUrl, serviceLog } = inject('stack');

/**
 * Every path by which an identifier reaches a source goes through the same
 * check, seen from outside as an attacker would try it: each bad value is
 * refused by the gateway with BAD_USER_INPUT, its rule and HTTP 400, never
 * echoed, and no source is called (the sources' logs show no call for the
 * request).
 */
let capac: Record<string, string>;
beforeAll(async () => {
  capac = await capacBenefit();
});

const VALID = referencePersons.unemployedBetweenJobs;
const BAD_CHECK = '85073003329';
const CHECK_DIGITS =
  'The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.';
const NOT_A_STRING = 'An SSIN must be given as a string of 11 digits.';

async function ask(query: string, variables?: Record<string, unknown>) {
  const response = await graphqlRequest(gatewayUrl, query, variables, capac);
  await settleLogs();
  return { ...response, sources: response.requestId ? sourcesThatServed(serviceLog, response.requestId) : [] };
}

/** Expects a refusal by the gateway, before any source: one error, its message and rule, HTTP 400. */
async function expectRefused(query: string, variables: Record<string, unknown> | undefined, message: string, rule: string) {
  const { status, body, sources } = await ask(query, variables);
  expect(body).toEqual({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', rule } }] });
  expect(status).toBe(400);
  expect(sources).toEqual([]);
  expect(JSON.stringify(body)).not.toContain(BAD_CHECK);
}

describe('identifiers, by every path', () => {
  it('refuses an array sent for a scalar SSIN variable, though each item is valid', async () => {
    await expectRefused(
      'query ($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }',
      { ssin: [VALID, referencePersons.student] },
      `Variable "$ssin" is a list where one SSIN is expected. ${NOT_A_STRING}`,
      'SSIN_FORMAT',
    );
  });

  it('refuses an object sent for a scalar SSIN variable', async () => {
    await expectRefused(
      'query ($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }',
      { ssin: { ssin: VALID } },
      `Variable "$ssin": ${NOT_A_STRING}`,
      'SSIN_FORMAT',
    );
  });

  it('refuses a bad default value in the operation', async () => {
    await expectRefused(
      `query ($ssin: SSIN = "${BAD_CHECK}") { person(ssin: $ssin) { name { lastName } } }`,
      undefined,
      `Default value of "$ssin": ${CHECK_DIGITS}`,
      'SSIN_CHECK_DIGITS',
    );
  });

  it('refuses a bad default value even when the variable is given', async () => {
    await expectRefused(
      `query ($ssin: SSIN = "${BAD_CHECK}") { person(ssin: $ssin) { name { lastName } } }`,
      { ssin: VALID },
      `Default value of "$ssin": ${CHECK_DIGITS}`,
      'SSIN_CHECK_DIGITS',
    );
  });

  it('refuses a bad SSIN inside a list variable, naming its index', async () => {
    await expectRefused(
      'query ($ssins: [SSIN!]!) { persons(ssins: $ssins) { ssin } }',
      { ssins: [VALID, referencePersons.student, BAD_CHECK] },
      `Variable "$ssins" at [2]: ${CHECK_DIGITS}`,
      'SSIN_CHECK_DIGITS',
    );
  });

  it('refuses a bad SSIN inside a literal list', async () => {
    await expectRefused(
      `{ persons(ssins: ["${VALID}", "${BAD_CHECK}"]) { ssin } }`,
      undefined,
      `Argument "ssins" at [1]: ${CHECK_DIGITS}`,
      'SSIN_CHECK_DIGITS',
    );
  });

  it('refuses a literal list given for one SSIN', async () => {
    await expectRefused(
      `{ person(ssin: ["${VALID}"]) { ssin } }`,
      undefined,
      `Argument "ssin" is a list where one SSIN is expected. ${NOT_A_STRING}`,
      'SSIN_FORMAT',
    );
  });

  it('refuses a list given for one enterprise number', async () => {
    const { status, body, sources } = await ask('query ($n: EnterpriseNumber!) { employer(enterpriseNumber: $n) { name } }', {
      n: ['0403170701'],
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^Variable "\$n" is a list where one EnterpriseNumber is expected\. /),
        extensions: { code: 'BAD_USER_INPUT', rule: 'ENTERPRISE_NUMBER_FORMAT' },
      },
    ]);
    expect(sources).toEqual([]);
  });
});

describe('the register’s special cases reach the sources', () => {
  // Unknown to the seeded register, so the answer is null; what matters is that they are not refused as invalid.
  const special = [
    ['serials of a 1985 birth date ran out: month 00, day digits 05', formatSsin({ birthDate: '1985-00-05', serial: 997 })],
    ['a wholly unknown birth date: the fictitious 000001', formatSsin({ birthDate: '1900-00-01', serial: 997 })],
    ['a bis number (+ 20) whose serials ran out', formatSsin({ birthDate: '1985-00-07', serial: 997, bis: 'genderUnknown' })],
  ] as const;
  // CAPAC reads only the persons it follows: it registers these in the reference directory first, as it would.
  beforeAll(() =>
    follow(
      gatewayUrl,
      followingPartners[0],
      special.map(([, ssin]) => ssin),
    ),
  );

  it.each(special)('serves %s', async (_case, ssin) => {
    const { status, body, sources } = await ask('query ($ssin: SSIN!) { person(ssin: $ssin) { ssin } }', { ssin });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: null } });
    expect(sources).toEqual(['persons']);
  });
});
