import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createAuditTrail,
  createGatewaySigner,
  createGatewayTokenVerifier,
  createLogger,
  createPolicyStore,
  earliestAllowed,
  generateGatewayKeyPair,
  policyDir,
  readApiSchema,
  todayInBelgium,
  type GatewaySigner,
  type RunningHttpServer,
} from '@crossroads/shared';
import { unemploymentSubgraph } from '@crossroads/subgraph-unemployment';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { capacBenefit } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { settleLogs, sourcesThatServed } from './helpers/serviceLog.js';
import { withSources } from './helpers/sourceDatabase.js';

const { gatewayUrl, mongoUri, serviceLog } = inject('stack');

/** The day before an ISO date. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the quarter (month) a day falls in. */
const quarterStartOf = (day: string) => `${day.slice(0, 4)}-${String(3 * Math.ceil(Number(day.slice(5, 7)) / 3) - 2).padStart(2, '0')}-01`;
const quarterStart = (year: number, quarter: number) => `${year}-${String(3 * quarter - 2).padStart(2, '0')}-01`;

// CAPAC calculating a benefit (ISC/24/017): address and declarations at most 36 months back, payments 60.
const today = todayInBelgium();
const earliest36 = earliestAllowed({ notBeforeMonthsAgo: 36 }, today);
const earliest60 = earliestAllowed({ notBeforeMonthsAgo: 60 }, today);
const ssin = referencePersons.unemployedBetweenJobs;

let capac: Record<string, string>;
beforeAll(async () => {
  capac = await capacBenefit();
});

async function ask(query: string, variables?: Record<string, unknown>) {
  const response = await graphqlRequest(gatewayUrl, query, variables, capac);
  await settleLogs();
  return { ...response, sources: response.requestId ? sourcesThatServed(serviceLog, response.requestId) : [] };
}

/** A refusal of the gateway's check, before any source is read. */
async function expectOutOfBound(query: string, variables: Record<string, unknown> | undefined, uncovered: string[]) {
  const { status, body, sources } = await ask(query, variables);
  expect(body.errors).toEqual([
    { message: expect.stringMatching(/must be a date on or after \d{4}-\d{2}-\d{2}/), extensions: { code: 'FORBIDDEN', uncovered } },
  ]);
  expect(body.data).toBeUndefined();
  expect(status).toBe(403);
  expect(sources).toEqual([]);
}

describe('date bounds hold for every alias and variable', () => {
  it('refuses an alias of address reaching one day past the bound, though the others keep within it', async () => {
    await expectOutOfBound(
      `query ($ssin: SSIN!) { person(ssin: $ssin) {
        now: address { municipality }
        atBound: address(asOf: "${earliest36}") { municipality }
        past: address(asOf: "${dayBefore(earliest36)}") { municipality }
      } }`,
      { ssin },
      ['Person.address(asOf)'],
    );
  });

  it('serves the aliases that keep within the bound', async () => {
    const { status, body } = await ask(
      `query ($ssin: SSIN!) { person(ssin: $ssin) { now: address { municipality } atBound: address(asOf: "${earliest36}") { municipality } } }`,
      { ssin },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses a variable reaching one day past the bound', async () => {
    await expectOutOfBound(
      'query ($ssin: SSIN!, $from: Date!, $to: Date!) { person(ssin: $ssin) { quarterlyDeclarations(from: $from, to: $to) { year quarter } } }',
      { ssin, from: dayBefore(earliest36), to: today },
      ['Person.quarterlyDeclarations(from)'],
    );
  });

  it('refuses a variable whose default reaches past the bound', async () => {
    await expectOutOfBound(
      `query ($ssin: SSIN!, $from: Date = "${dayBefore(earliest60)}") {
        person(ssin: $ssin) { unemploymentPayments(from: $from, to: "${today}") { month } }
      }`,
      { ssin },
      ['Person.unemploymentPayments(from)'],
    );
  });

  it('refuses a variable for one bounded argument given as a list: a wrong shape, before any bound is weighed', async () => {
    const { status, body, sources } = await ask(
      'query ($ssin: SSIN!, $from: Date!) { person(ssin: $ssin) { quarterlyDeclarations(from: $from, to: "2026-09-30") { year } } }',
      { ssin, from: [earliest36] },
    );
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' } })]);
    expect(body.data).toBeUndefined();
    expect(status).toBe(400);
    expect(sources).toEqual([]);
  });
});

describe('a request right at the bound gets no quarter that starts before it', () => {
  it('leaves out the quarter the bound falls in, when it starts before the bound, and nothing else', async () => {
    const boundQuarter = quarterStartOf(earliest36);
    const [year, quarter] = [Number(boundQuarter.slice(0, 4)), (Number(boundQuarter.slice(5, 7)) + 2) / 3];
    const { person, stored } = await withSources(mongoUri, async (sources) => {
      const someone = await sources.someoneDeclaredIn(year, quarter);
      return { person: someone, stored: someone ? await sources.declarations(someone) : [] };
    });
    // Without a declaration in the bound's quarter this test could not fail: the seed's window
    // (2023Q4–2026Q3, docs/data-model.md) must contain the bound.
    expect(person, `no declaration for ${year}Q${quarter} in the seed`).not.toBeNull();

    const { status, body } = await ask(
      'query ($ssin: SSIN!, $from: Date!, $to: Date!) { person(ssin: $ssin) { quarterlyDeclarations(from: $from, to: $to) { year quarter employer { enterpriseNumber } grossWageCents } } }',
      { ssin: person, from: earliest36, to: today },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const released = (
      body.data!.person as { quarterlyDeclarations: { year: number; quarter: number; employer: { enterpriseNumber: string } }[] }
    ).quarterlyDeclarations;
    const key = (d: { year: number; quarter: number; employer: string }) => `${d.year}Q${d.quarter} ${d.employer}`;
    expect(released.map((d) => key({ ...d, employer: d.employer.enterpriseNumber })).sort()).toEqual(
      stored
        .filter((d) => quarterStart(d.year, d.quarter) >= earliest36)
        .map(key)
        .sort(),
    );
    for (const d of released) expect(quarterStart(d.year, d.quarter) >= earliest36).toBe(true);
    // The source holds the bound's quarter: released only when it starts on the bound itself.
    const inBoundQuarter = released.some((d) => d.year === year && d.quarter === quarter);
    expect(inBoundQuarter).toBe(boundQuarter === earliest36);
  });
});

/**
 * The sources' side of the bound, on its own: an unemployment source started
 * here over the seeded database, with a policy set holding one test
 * authorization whose bound falls in the middle of the seed's payments
 * (2023-10 to 2026-10), called with genuine gateway tokens.
 */
describe('a source clips the months at the bound and refuses what is past it', () => {
  let client: MongoClient;
  let server: RunningHttpServer;
  let signer: GatewaySigner;
  let dir: string;
  // About mid-2025, whatever the day the tests run: the bound is today minus this many months.
  const months = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - (2025 * 12 + 6);
  const bound = earliestAllowed({ notBeforeMonthsAgo: months }, today);
  const PAYMENTS =
    'query($r: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $r) { ... on Person { unemploymentPayments(from: $from, to: $to) { month } } } }';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounds-policies-'));
    for (const file of ['partners.yaml', 'purposes.yaml', 'capacities.yaml'])
      fs.copyFileSync(path.join(policyDir, file), path.join(dir, file));
    fs.writeFileSync(
      path.join(dir, 'ISC-99-001.yaml'),
      [
        'id: ISC/99/001',
        'title: Test only, payments bounded in the middle of the seed',
        'legalBasis: None; a test fixture',
        'partner: capac',
        'purposes: [UNEMPLOYMENT_BENEFIT]',
        'valid: { from: 2024-01-01, until: null }',
        'scope: all',
        'grants:',
        '  Person:',
        '    - field: unemploymentPayments',
        '      arguments:',
        `        from: { notBeforeMonthsAgo: ${months} }`,
        `        to: { notBeforeMonthsAgo: ${months} }`,
        '  UnemploymentPayment: [month]',
        '',
      ].join('\n'),
    );
    client = await new MongoClient(mongoUri).connect();
    const keys = await generateGatewayKeyPair();
    signer = createGatewaySigner({ privateJwk: keys.privateJwk });
    const logger = createLogger('bounds-test');
    logger.level = 'silent';
    server = await unemploymentSubgraph.start({
      mongo: { client, serverKind: 'ferretdb' },
      access: {
        verifier: createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: 'unemployment' }),
        policies: createPolicyStore({ dir, schema: readApiSchema(), logger }),
        development: false,
      },
      audit: createAuditTrail({ client, service: 'bounds-test' }),
      logger,
      port: 0,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await client?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function payments(person: string, from: string, to: string) {
    const token = await signer.sign({
      audience: 'unemployment',
      partnerId: 'capac',
      purpose: 'UNEMPLOYMENT_BENEFIT',
      authorizationIds: ['ISC/99/001'],
      requestId: crypto.randomUUID(),
    });
    return graphqlRequest(
      server.url,
      PAYMENTS,
      { r: [{ __typename: 'Person', ssin: person }], from, to },
      { authorization: `Bearer ${token}` },
    );
  }

  it('leaves out the month the bound falls in when it starts before the bound, and releases the rest', async () => {
    const boundMonth = bound.slice(0, 7);
    const { person, stored } = await withSources(mongoUri, async (sources) => {
      const someone = await sources.someonePaidIn(boundMonth);
      return { person: someone, stored: someone ? await sources.payments(someone) : [] };
    });
    expect(person, `no payment for ${boundMonth} in the seed`).not.toBeNull();

    const { status, body } = await payments(person!, bound, today);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const released = (body.data!._entities as { unemploymentPayments: { month: string }[] }[])[0]!.unemploymentPayments.map((p) => p.month);
    expect(released.sort()).toEqual(
      stored
        .map((p) => p.month)
        .filter((month) => `${month}-01` >= bound && month <= today.slice(0, 7))
        .sort(),
    );
    expect(released.includes(boundMonth)).toBe(bound.endsWith('-01'));
  });

  it('refuses, field by field, a month past the bound asked by variable', async () => {
    const { status, body } = await payments(ssin, dayBefore(bound), today);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { _entities: [{ unemploymentPayments: null }] },
      errors: [expect.objectContaining({ path: ['_entities', 0, 'unemploymentPayments'], extensions: { code: 'FORBIDDEN' } })],
    });
  });
});
