import { beforeAll, describe, expect, inject, it } from 'vitest';
import { formatSsin } from '@crossroads/shared';
import { follow, followingPartners } from './helpers/followers.js';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit, partnerHeaders } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { withSources } from './helpers/sourceDatabase.js';

const { gatewayUrl, mongoUri } = inject('stack');

// The spine's behaviour, seen by a partner whose authorization covers the
// fields asked: CAPAC calculating an unemployment benefit (ISC/24/017).
let capac: Record<string, string>;
beforeAll(async () => {
  capac = await capacBenefit();
});
const ask = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  graphqlRequest(gatewayUrl, query, variables, headers ?? capac);

const THREE_SOURCES = /* GraphQL */ `
  query ThreeSources($ssin: SSIN!) {
    person(ssin: $ssin) {
      ssin
      register
      name {
        lastName
        firstNames
      }
      birthDate
      gender
      address {
        street
        houseNumber
        postalCode
        municipality
        nisCode
        country
        validFrom
        validTo
      }
      employments {
        dimonaPeriodId
        employer {
          enterpriseNumber
          name
        }
        jointCommittee {
          code
        }
        workerType
        workerCode
        startDate
        endDate
        workingTimePercent
      }
      unemploymentPayments(from: "2024-01-01", to: "2024-12-31") {
        month
        allowanceType
        daysCompensated
        dailyAmountCents
        grossAmountCents
        paymentDate
        payingOrganisation {
          code
        }
      }
    }
  }
`;

describe('one person through the gateway', () => {
  it('joins the persons registry, employment and unemployment payments on the SSIN', async () => {
    const ssin = referencePersons.unemployedBetweenJobs;
    const { status, body } = await ask(THREE_SOURCES, { ssin }, capac);

    const expected = await withSources(mongoUri, async (sources) => {
      const person = (await sources.person(ssin))!;
      const employments = await sources.employments(ssin);
      const payments = await sources.payments(ssin);
      const current = person.addresses.find((a) => a.validTo === null)!;
      return {
        person: {
          ssin,
          register: person.register,
          name: { lastName: person.lastName, firstNames: person.firstNames },
          birthDate: '1985-07-30',
          gender: 'MALE',
          address: {
            street: current.street,
            houseNumber: current.houseNumber,
            postalCode: current.postalCode,
            municipality: current.municipality,
            nisCode: current.nisCode,
            country: current.country,
            validFrom: current.validFrom,
            validTo: null,
          },
          employments: employments
            .sort((a, b) => b.startDate.localeCompare(a.startDate))
            .map((e) => ({
              dimonaPeriodId: e._id,
              employer: { enterpriseNumber: e.employer, name: expect.any(String) },
              jointCommittee: { code: e.jointCommittee },
              workerType: e.workerType,
              workerCode: e.workerCode,
              startDate: e.startDate,
              endDate: e.endDate,
              workingTimePercent: e.workingTimePercent,
            })),
          unemploymentPayments: payments
            .filter((p) => p.month.startsWith('2024-'))
            .sort((a, b) => a.month.localeCompare(b.month))
            .map((p) => ({
              month: p.month,
              allowanceType: p.allowanceType,
              daysCompensated: p.daysCompensated,
              dailyAmountCents: p.dailyAmountCents,
              grossAmountCents: p.grossAmountCents,
              paymentDate: p.paymentDate,
              payingOrganisation: { code: p.payingOrganisation },
            })),
        },
      };
    });

    expect(status).toBe(200);
    expect(body).toEqual({ data: expected });
    // The reference person's story, as the README tells it.
    const person = body.data!.person as { employments: unknown[]; unemploymentPayments: unknown[] };
    expect(person.employments).toHaveLength(2);
    expect(person.unemploymentPayments).toHaveLength(12);
  });

  it('accepts the usual formatted SSIN and answers with the 11 digits', async () => {
    const { body } = await ask('query($ssin: SSIN!) { person(ssin: $ssin) { ssin } }', { ssin: '85.07.30-033.28' });
    expect(body).toEqual({ data: { person: { ssin: '85073003328' } } });
  });

  it('answers null for a valid SSIN that no register knows', async () => {
    const unknown = formatSsin({ birthDate: '1950-01-01', serial: 997 });
    // A partner may hold a file on a number no register knows (yet); it must follow it to ask.
    await follow(gatewayUrl, followingPartners[0], [unknown]);
    const { status, body } = await ask('query($ssin: SSIN!) { person(ssin: $ssin) { ssin } }', { ssin: unknown });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: null } });
  });

  it('serves a bis number from the bis register', async () => {
    const { body } = await ask(
      'query($ssin: SSIN!) { person(ssin: $ssin) { register address { country nisCode } employments { endDate } } }',
      { ssin: referencePersons.crossBorderWorker },
    );
    expect(body).toEqual({
      data: {
        person: {
          register: 'BIS',
          address: { country: expect.not.stringMatching(/^BE$/), nisCode: null },
          employments: [{ endDate: null }],
        },
      },
    });
  });

  it('shows no unemployment payment after a death', async () => {
    const { body } = await ask(
      'query($ssin: SSIN!) { person(ssin: $ssin) { deathDate unemploymentPayments(from: "2022-01-01", to: "2026-11-30") { month } } }',
      { ssin: referencePersons.deceased },
      // CAPAC recovering undue payments (ISC/24/031) may read the death date and five years of payments.
      await partnerHeaders('capac', 'UNDUE_PAYMENT_RECOVERY'),
    );
    const person = body.data!.person as { deathDate: string; unemploymentPayments: Array<{ month: string }> };
    expect(person.deathDate).toMatch(/^2023-/);
    expect(person.unemploymentPayments.length).toBeGreaterThan(0);
    for (const payment of person.unemploymentPayments) expect(payment.month <= person.deathDate.slice(0, 7)).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses an SSIN with wrong check digits in a variable, naming the rule and not echoing the value', async () => {
    const { status, body } = await ask('query($ssin: SSIN!) { person(ssin: $ssin) { ssin } }', {
      ssin: '85073003329',
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message:
            'Variable "$ssin": The SSIN check digits do not match: they must be 97 − (first nine digits mod 97), with a 2 put in front of the nine digits for people born from 2000.',
          extensions: { code: 'BAD_USER_INPUT', rule: 'SSIN_CHECK_DIGITS' },
        },
      ],
    });
  });

  it('refuses an SSIN literal with an impossible birth month', async () => {
    const { status, body } = await ask('{ person(ssin: "85133003328") { ssin } }');
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', rule: expect.stringMatching(/^SSIN_/) } }),
    ]);
    expect(JSON.stringify(body)).not.toContain('85133003328');
  });

  it('refuses a persons call of more than 1,000 SSINs before any source is read', async () => {
    const ssins = Array.from({ length: 1001 }, (_, i) => formatSsin({ birthDate: '1970-01-01', serial: (i % 998) + 1 }));
    const { status, body } = await ask('query($ssins: [SSIN!]!) { persons(ssins: $ssins) { ssin } }', { ssins });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message:
            'The request names 1,001 persons, across every alias of person and persons; at most 1,000 are allowed; nothing was read.',
          extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'persons', max: 1000 },
        },
      ],
    });
  });

  it('refuses a reversed date range', async () => {
    const { body } = await ask(
      'query($ssin: SSIN!) { person(ssin: $ssin) { ssin unemploymentPayments(from: "2024-12-31", to: "2024-01-01") { month } } }',
      { ssin: referencePersons.unemployedBetweenJobs },
    );
    expect(body).toEqual({
      data: { person: { ssin: referencePersons.unemployedBetweenJobs, unemploymentPayments: null } },
      errors: [
        {
          message: 'The range is reversed: `from` must not be after `to`.',
          path: ['person', 'unemploymentPayments'],
          extensions: { code: 'BAD_USER_INPUT', rule: 'DATE_RANGE_REVERSED' },
        },
      ],
    });
  });
});

describe('persons in bulk', () => {
  it('answers in request order with null for unknown SSINs', async () => {
    const known = await withSources(mongoUri, (s) => s.someSsins(3));
    const unknown = formatSsin({ birthDate: '1950-01-01', serial: 997 });
    const ssins = [known[2]!, unknown, known[0]!, known[1]!, known[0]!];
    await follow(gatewayUrl, followingPartners[0], [unknown]);
    const { body } = await ask('query($ssins: [SSIN!]!) { persons(ssins: $ssins) { ssin } }', { ssins });
    expect(body).toEqual({ data: { persons: ssins.map((ssin) => (ssin === unknown ? null : { ssin })) } });
  });
});
