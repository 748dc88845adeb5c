import {
  createAuditTrail,
  createDirectoryReader,
  createGatewaySigner,
  createGatewayTokenVerifier,
  createLogger,
  createPolicyStore,
  generateGatewayKeyPair,
  policyDir,
  readApiSchema,
  type GatewaySigner,
  type RunningHttpServer,
} from '@crossroads/shared';
import { personsSubgraph } from '@crossroads/subgraph-persons';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlRequest } from './helpers/graphqlRequest.js';
import { referencePersons } from './helpers/referencePersons.js';

const { mongoUri } = inject('stack');
const ssin = referencePersons.unemployedBetweenJobs;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name { lastName } deathDate } } }';

/**
 * The second line of defence, seen on its own: a persons subgraph called with
 * genuine gateway tokens, as if the gateway's check had let something through.
 * Its graphql-shield rules must still refuse what the named authorizations do
 * not grant, and it must refuse a token used twice.
 */
describe('a sealed subgraph’s own rules', () => {
  let client: MongoClient;
  let server: RunningHttpServer;
  let signer: GatewaySigner;

  beforeAll(async () => {
    client = await new MongoClient(mongoUri).connect();
    const keys = await generateGatewayKeyPair();
    signer = createGatewaySigner({ privateJwk: keys.privateJwk });
    const logger = createLogger('shield-test');
    logger.level = 'silent';
    server = await personsSubgraph.start({
      mongo: { client, serverKind: 'ferretdb' },
      access: {
        verifier: createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: 'persons' }),
        policies: createPolicyStore({ dir: policyDir, schema: readApiSchema(), logger }),
        development: false,
      },
      audit: createAuditTrail({ client, service: 'shield-test' }),
      directory: createDirectoryReader(client, 'ferretdb'),
      logger,
      port: 0,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await client?.close();
  });

  const tokenFor = (partnerId: string, purpose: string, authorizationIds: string[]) =>
    signer.sign({ audience: 'persons', partnerId, purpose, authorizationIds, requestId: crypto.randomUUID() });

  it('serves the granted fields and refuses, field by field, what the authorization does not grant', async () => {
    // ISC/24/017 (CAPAC, benefit) grants the name but not the death date.
    const token = await tokenFor('capac', 'UNEMPLOYMENT_BENEFIT', ['ISC/24/017']);
    const { status, body } = await graphqlRequest(
      server.url,
      ENTITIES,
      { r: [{ __typename: 'Person', ssin }] },
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { _entities: [{ name: { lastName: expect.any(String) }, deathDate: null }] },
      errors: [
        {
          message: 'No authorization of the Information Security Committee covers this field for this request.',
          locations: [{ line: 1, column: 90 }],
          path: ['_entities', 0, 'deathDate'],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
      // For the gateway, which takes it out: where the release of the name was recorded.
      extensions: { crossroadsAuditReceipt: expect.objectContaining({ id: expect.stringMatching(/^release:.*:persons$/) }) },
    });
  });

  it('grants nothing for an authorization the token names but the partner does not hold', async () => {
    // ISC/24/022 belongs to famiwal: a token claiming it for capac grants capac nothing.
    const token = await tokenFor('capac', 'FAMILY_ALLOWANCE', ['ISC/24/022']);
    const { body } = await graphqlRequest(
      server.url,
      ENTITIES,
      { r: [{ __typename: 'Person', ssin }] },
      { authorization: `Bearer ${token}` },
    );
    // name is non-null in the schema, so its refusal nulls the whole entity.
    expect(body.data).toEqual({ _entities: [null] });
    const refusals = body.errors?.map((e) => `${(e.path as unknown[]).join('.')} ${(e.extensions as { code: string }).code}`).sort();
    expect(refusals).toEqual(['_entities.0.deathDate FORBIDDEN', '_entities.0.name FORBIDDEN']);
  });

  it('refuses an entity reference whose key is not a valid SSIN, before reading anything', async () => {
    // `_entities` representations are `_Any`: no scalar parses them unless the source does (checkReferenceKeys).
    // One token per call: the source refuses a token used twice.
    for (const [key, rule] of [
      ['85073003329', 'SSIN_CHECK_DIGITS'],
      [[ssin], 'SSIN_FORMAT'],
      [{ $gt: '' }, 'SSIN_FORMAT'],
    ] as const) {
      const { status, body } = await graphqlRequest(
        server.url,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name { lastName } } } }',
        { r: [{ __typename: 'Person', ssin: key }] },
        { authorization: `Bearer ${await tokenFor('capac', 'UNEMPLOYMENT_BENEFIT', ['ISC/24/017'])}` },
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        data: null,
        errors: [expect.objectContaining({ path: ['_entities'], extensions: { code: 'BAD_USER_INPUT', rule } })],
      });
      expect(JSON.stringify(body)).not.toContain('85073003329');
    }
  });

  it('refuses, in its own arguments, a list given for one SSIN', async () => {
    const token = await tokenFor('capac', 'UNEMPLOYMENT_BENEFIT', ['ISC/24/017']);
    const { status, body } = await graphqlRequest(
      server.url,
      'query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName } } }',
      { ssin: [ssin] },
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', rule: 'SSIN_FORMAT' } })]);
  });

  it('refuses a gateway token used a second time', async () => {
    const token = await tokenFor('capac', 'UNEMPLOYMENT_BENEFIT', ['ISC/24/017']);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name { lastName } } } }';
    const first = await graphqlRequest(server.url, query, { r: [{ __typename: 'Person', ssin }] }, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(200);
    const replay = await graphqlRequest(server.url, query, { r: [{ __typename: 'Person', ssin }] }, { authorization: `Bearer ${token}` });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({
      errors: [
        {
          message: 'The gateway token was already used: the gateway signs one token per call.',
          extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REPLAYED' },
        },
      ],
    });
  });
});
