import { GATEWAY_AUDIENCE, generateGatewayKeyPair, mintPartnerToken, readDevPrivateKey } from '@crossroads/shared';
import { SignJWT, importJWK } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { partnerHeaders } from './helpers/partnerHeaders.js';
import { referencePersons } from './helpers/referencePersons.js';
import { settleLogs, sourcesThatServed } from './helpers/serviceLog.js';

const { gatewayUrl, urls, serviceLog } = inject('stack');
const ssin = referencePersons.unemployedBetweenJobs;
const NAME_AND_ADDRESS = 'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } address { municipality } } }';

function forbidden(uncovered: string[], partner: string, purpose: string) {
  return {
    errors: [
      {
        message: `No authorization of the Information Security Committee covers ${uncovered.join(', ')} for partner ${partner} and purpose ${purpose}; nothing was read.`,
        extensions: { code: 'FORBIDDEN', uncovered },
      },
    ],
  };
}

/** Sends the request and also says which sources served a call for it. */
async function askAndTrace(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await graphqlRequest(gatewayUrl, query, variables, headers);
  await settleLogs();
  return { ...response, sources: response.requestId ? sourcesThatServed(serviceLog, response.requestId) : [] };
}

describe('who is asking', () => {
  const refused = (reason: string, message: string) => ({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] });

  it('refuses a request without a token, before anything runs', async () => {
    const { status, body } = await graphqlRequest(gatewayUrl, NAME_AND_ADDRESS, { ssin }, { 'x-purpose': 'FAMILY_ALLOWANCE' });
    expect(status).toBe(401);
    expect(body).toEqual(refused('TOKEN_MISSING', 'No bearer token: send Authorization: Bearer <token>.'));
  });

  it('refuses an expired token', async () => {
    const key = readDevPrivateKey('famiwal');
    const past = Math.floor(Date.now() / 1000) - 600;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid! })
      .setSubject('famiwal')
      .setIssuer('urn:crossroads:partner:famiwal')
      .setAudience(GATEWAY_AUDIENCE)
      .setIssuedAt(past)
      .setExpirationTime(past + 300)
      .sign(await importJWK(key, 'EdDSA'));
    const { status, body } = await graphqlRequest(
      gatewayUrl,
      NAME_AND_ADDRESS,
      { ssin },
      { authorization: `Bearer ${token}`, 'x-purpose': 'FAMILY_ALLOWANCE' },
    );
    expect(status).toBe(401);
    expect(body).toEqual(refused('TOKEN_EXPIRED', 'The bearer token has expired.'));
  });

  it('refuses a token forged with another partner’s key', async () => {
    const token = await mintPartnerToken({
      privateJwk: { ...readDevPrivateKey('inspection'), kid: readDevPrivateKey('capac').kid! },
      partnerId: 'capac',
      issuer: 'urn:crossroads:partner:capac',
      audience: GATEWAY_AUDIENCE,
      ttlSeconds: 300,
    });
    const { status, body } = await graphqlRequest(
      gatewayUrl,
      NAME_AND_ADDRESS,
      { ssin },
      { authorization: `Bearer ${token}`, 'x-purpose': 'UNEMPLOYMENT_BENEFIT' },
    );
    expect(status).toBe(401);
    expect(body.errors).toEqual([
      { message: expect.stringMatching(/signature does not verify/), extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_SIGNATURE' } },
    ]);
  });

  it('refuses a request without a purpose', async () => {
    const { authorization } = await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE');
    const { status, body } = await graphqlRequest(gatewayUrl, NAME_AND_ADDRESS, { ssin }, { authorization: authorization! });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: expect.stringMatching(/^No purpose: send the X-Purpose header/), extensions: { code: 'PURPOSE_REQUIRED' } },
    ]);
  });

  it('refuses an unknown purpose', async () => {
    const { status, body } = await graphqlRequest(gatewayUrl, NAME_AND_ADDRESS, { ssin }, await partnerHeaders('famiwal', 'CURIOSITY'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: expect.stringMatching(/^"CURIOSITY" is not a known purpose code/), extensions: { code: 'UNKNOWN_PURPOSE' } },
    ]);
  });
});

describe('what a partner may read', () => {
  let famiwal: Record<string, string>;
  beforeAll(async () => {
    famiwal = await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE');
  });

  it('serves a family-allowance fund the identity and address its authorization grants', async () => {
    const { status, body, sources } = await askAndTrace(NAME_AND_ADDRESS, { ssin }, famiwal);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { name: { lastName: expect.any(String) }, address: { municipality: expect.any(String) } } } });
    expect(sources).toEqual(['persons']);
  });

  it('refuses the whole operation when one field is not granted, and calls no source', async () => {
    const { status, body, sources } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { startDate } } }',
      { ssin },
      famiwal,
    );
    expect(status).toBe(403);
    expect(body).toEqual(forbidden(['Employment.startDate', 'Person.employments'], 'famiwal', 'FAMILY_ALLOWANCE'));
    expect(sources).toEqual([]);
  });

  it('sees through an alias', async () => {
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { jobs: employments { since: startDate } } }',
      { ssin },
      famiwal,
    );
    expect(body).toEqual(forbidden(['Employment.startDate', 'Person.employments'], 'famiwal', 'FAMILY_ALLOWANCE'));
  });

  it('sees through a named fragment and an inline fragment', async () => {
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { ...Work } } fragment Work on Person { name { lastName } ... on Person { unemploymentStatus { status } } }',
      { ssin },
      famiwal,
    );
    expect(body).toEqual(forbidden(['Person.unemploymentStatus', 'UnemploymentStatus.status'], 'famiwal', 'FAMILY_ALLOWANCE'));
  });

  it('follows a variable-driven @include: refused when included, served when not', async () => {
    const query =
      'query($ssin: SSIN!, $work: Boolean!) { person(ssin: $ssin) { name { lastName } employments @include(if: $work) { startDate } } }';
    const included = await askAndTrace(query, { ssin, work: true }, famiwal);
    expect(included.body).toEqual(forbidden(['Employment.startDate', 'Person.employments'], 'famiwal', 'FAMILY_ALLOWANCE'));
    const excluded = await askAndTrace(query, { ssin, work: false }, famiwal);
    expect(excluded.body).toEqual({ data: { person: { name: { lastName: expect.any(String) } } } });
  });

  it('refuses a field of another source reached through the join', async () => {
    const { body, sources } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } unemploymentPayments(from: "2024-01-01", to: "2024-03-31") { month } } }',
      { ssin },
      famiwal,
    );
    expect(body).toEqual(forbidden(['Person.unemploymentPayments', 'UnemploymentPayment.month'], 'famiwal', 'FAMILY_ALLOWANCE'));
    expect(sources).toEqual([]);
  });

  it('joins three sources for a partner granted all of them (entities resolve under graphql-shield)', async () => {
    const { status, body, sources } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } employments { employer { name } } unemploymentStatus { status } } }',
      { ssin },
      await partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT'),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data!.person as { employments: unknown[] }).employments).toHaveLength(2);
    expect(sources).toEqual(['employment', 'persons', 'unemployment']);
  });

  it('refuses a history reaching further back than the authorization allows', async () => {
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { quarterlyDeclarations(from: "2015-01-01", to: "2024-12-31") { year } } }',
      { ssin },
      await partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT'),
    );
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(
          /^No authorization .* covers Person\.quarterlyDeclarations\(from\) for partner capac and purpose UNEMPLOYMENT_BENEFIT; nothing was read\. Person\.quarterlyDeclarations\(from\) must be a date on or after \d{4}-\d{2}-\d{2} \(at most 36 months back\); got 2015-01-01\.$/,
        ),
        extensions: { code: 'FORBIDDEN', uncovered: ['Person.quarterlyDeclarations(from)'] },
      },
    ]);
  });

  it('applies only the authorizations of the declared purpose', async () => {
    // CAPAC may read employments to calculate a benefit, not to recover undue payments.
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { employments { startDate } } }',
      { ssin },
      await partnerHeaders('capac', 'UNDUE_PAYMENT_RECOVERY'),
    );
    expect(body).toEqual(forbidden(['Employment.startDate', 'Person.employments'], 'capac', 'UNDUE_PAYMENT_RECOVERY'));
  });

  it('refuses a purpose the partner holds no authorization for', async () => {
    const { body } = await askAndTrace(NAME_AND_ADDRESS, { ssin }, await partnerHeaders('capac', 'FAMILY_ALLOWANCE'));
    expect(body).toEqual(
      forbidden(
        ['Address.municipality', 'Person.address', 'Person.name', 'PersonName.lastName', 'Query.person'],
        'capac',
        'FAMILY_ALLOWANCE',
      ),
    );
  });

  it('refuses a partner whose only authorization has expired', async () => {
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }',
      { ssin },
      await partnerHeaders('forem', 'JOB_SEEKER_GUIDANCE'),
    );
    expect(body).toEqual(forbidden(['Person.name', 'PersonName.lastName', 'Query.person'], 'forem', 'JOB_SEEKER_GUIDANCE'));
  });

  it('refuses a partner with no authorization at all', async () => {
    const { body } = await askAndTrace(
      'query($ssin: SSIN!) { person(ssin: $ssin) { ssin } }',
      { ssin },
      await partnerHeaders('inspection', 'SOCIAL_INSPECTION'),
    );
    expect(body).toEqual(forbidden(['Person.ssin', 'Query.person'], 'inspection', 'SOCIAL_INSPECTION'));
  });

  it('keeps introspection closed to partners', async () => {
    const { status, body } = await graphqlRequest(gatewayUrl, '{ __schema { queryType { name } } }', undefined, famiwal);
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
  });

  it('never lets a partner reach the federation plumbing', async () => {
    const { status, body } = await graphqlRequest(gatewayUrl, '{ _service { sdl } }', undefined, famiwal);
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: 'Cannot query field "_service" on type "Query".',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it('tells a partner what it may ask', async () => {
    const { body } = await graphqlRequest(
      gatewayUrl,
      '{ myAuthorizations { id purposes appliesToDeclaredPurpose validUntil grants { type fields { field argumentBounds { argument notBeforeMonthsAgo } } } } }',
      undefined,
      await partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT'),
    );
    expect(body.errors).toBeUndefined();
    const authorizations = body.data!.myAuthorizations as Array<{
      id: string;
      appliesToDeclaredPurpose: boolean;
      grants: Array<{ type: string; fields: Array<{ field: string; argumentBounds: unknown[] }> }>;
    }>;
    expect(authorizations.map((a) => [a.id, a.appliesToDeclaredPurpose])).toEqual([
      ['ISC/24/017', true],
      ['ISC/24/031', false],
    ]);
    const person = authorizations[0]!.grants.find((g) => g.type === 'Person')!;
    expect(person.fields.find((f) => f.field === 'quarterlyDeclarations')).toEqual({
      field: 'quarterlyDeclarations',
      argumentBounds: [
        { argument: 'from', notBeforeMonthsAgo: 36 },
        { argument: 'to', notBeforeMonthsAgo: 36 },
      ],
    });
  });
});

describe.each([
  {
    partner: 'capac',
    purpose: 'UNEMPLOYMENT_BENEFIT',
    allowed: 'person(ssin: $ssin) { name { lastName } employments { startDate } unemploymentStatus { status } }',
    sources: ['employment', 'persons', 'unemployment'],
    forbidden: 'person(ssin: $ssin) { name { lastName } deathDate }',
    uncovered: ['Person.deathDate'],
  },
  {
    partner: 'capac',
    purpose: 'UNDUE_PAYMENT_RECOVERY',
    allowed: 'person(ssin: $ssin) { deathDate unemploymentPayments(from: "2024-01-01", to: "2024-06-30") { month grossAmountCents } }',
    sources: ['persons', 'unemployment'],
    forbidden: 'person(ssin: $ssin) { unemploymentStatus { status } }',
    uncovered: ['Person.unemploymentStatus', 'UnemploymentStatus.status'],
  },
  {
    partner: 'famiwal',
    purpose: 'FAMILY_ALLOWANCE',
    allowed: 'person(ssin: $ssin) { name { firstNames } civilStatus address(asOf: "2025-06-30") { postalCode } }',
    sources: ['persons'],
    forbidden: 'person(ssin: $ssin) { addressHistory { postalCode } }',
    uncovered: ['Person.addressHistory'],
  },
  {
    // Two authorizations for one purpose (ISC/24/045 career, ISC/24/052 survivors) combine.
    partner: 'sfpd',
    purpose: 'PENSION_CALCULATION',
    allowed:
      'person(ssin: $ssin) { deathDate quarterlyDeclarations(from: "2016-01-01", to: "2025-12-31") { year grossWageCents } employments { workerCode } }',
    sources: ['employment', 'persons'],
    forbidden: 'person(ssin: $ssin) { unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month } }',
    uncovered: ['Person.unemploymentPayments', 'UnemploymentPayment.month'],
  },
])('$partner asking for $purpose', ({ partner, purpose, allowed, sources, forbidden: forbiddenSelection, uncovered }) => {
  it('is served what its authorizations grant, from the sources that hold it', async () => {
    const response = await askAndTrace(`query($ssin: SSIN!) { ${allowed} }`, { ssin }, await partnerHeaders(partner, purpose));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.person).not.toBeNull();
    expect(response.sources).toEqual(sources);
  });

  it('is refused, as a whole, what they do not grant', async () => {
    const response = await askAndTrace(`query($ssin: SSIN!) { ${forbiddenSelection} }`, { ssin }, await partnerHeaders(partner, purpose));
    expect(response.status).toBe(403);
    expect(response.body).toEqual(forbidden(uncovered, partner, purpose));
    expect(response.sources).toEqual([]);
  });
});

describe('schema details', () => {
  it('are not suggested to a partner who misspells a field', async () => {
    const { status, body } = await graphqlRequest(
      gatewayUrl,
      'query($ssin: SSIN!) { person(ssin: $ssin) { nme } }',
      { ssin },
      await partnerHeaders('famiwal', 'FAMILY_ALLOWANCE'),
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: 'Cannot query field "nme" on type "Person".',
          locations: [{ line: 1, column: 45 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });
});

describe('sealed sources', () => {
  const SERVICE = '{ _service { sdl } }';
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ssin } } }';
  const persons = () => urls.persons;

  async function direct(query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) {
    return graphqlRequest(persons(), query, variables, headers);
  }

  it.each([
    ['_service', SERVICE, undefined],
    ['_entities', ENTITIES, { r: [{ __typename: 'Person', ssin }] }],
  ])('refuses %s without a gateway token', async (_name, query, variables) => {
    const { status, body } = await direct(query, variables, {});
    expect(status).toBe(401);
    expect(body).toEqual({
      errors: [
        {
          message: 'No gateway token: send Authorization: Bearer <token>.',
          extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' },
        },
      ],
    });
  });

  it('refuses a partner’s own token', async () => {
    const { authorization } = await partnerHeaders('capac', 'UNEMPLOYMENT_BENEFIT');
    const { status, body } = await direct(SERVICE, undefined, { authorization: authorization! });
    expect(status).toBe(401);
    expect(body.errors).toEqual([
      {
        message: expect.any(String),
        extensions: { code: 'UNAUTHENTICATED', reason: expect.stringMatching(/^TOKEN_(SIGNATURE|AUDIENCE|ISSUER|MALFORMED)$/) },
      },
    ]);
  });

  it('refuses a gateway-shaped token signed with another key', async () => {
    const forger = await generateGatewayKeyPair();
    const token = await new SignJWT({ partner: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authz: ['ISC/24/017'], rid: 'forged' })
      .setProtectedHeader({ alg: 'EdDSA', kid: forger.publicJwk.kid! })
      .setIssuer('urn:crossroads:gateway')
      .setAudience('urn:crossroads:subgraph:persons')
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(await importJWK(forger.privateJwk, 'EdDSA'));
    const { status, body } = await direct(ENTITIES, { r: [{ __typename: 'Person', ssin }] }, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors).toEqual([
      {
        message: expect.any(String),
        extensions: { code: 'UNAUTHENTICATED', reason: expect.stringMatching(/^TOKEN_(SIGNATURE|MALFORMED)$/) },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain(ssin);
  });
});
