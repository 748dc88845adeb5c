import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessContext } from '../access/shieldMiddleware.js';
import { CLAIMS_HEADER } from '../access/securityLayers.js';
import type { PolicySet } from '../authz/model.js';
import { createGatewaySigner, type GatewayTokenClaims } from '../auth/createGatewaySigner.js';
import { createGatewayTokenVerifier } from '../auth/createGatewayTokenVerifier.js';
import { generateGatewayKeyPair } from '../auth/gatewayKeys.js';
import type { RunningHttpServer } from '../http/startGraphQLHttpServer.js';
import { createLogger } from '../logger.js';
import { startSubgraphServer } from './createSubgraphServer.js';

// A subgraph with one field of each kind a citizen must or must not reach:
// the access log, a partner's self-service, and a person's data.
const typeDefs = parse(`
  type Query {
    accessLog(ssin: String!): AccessLogPage!
    myAuthorizations: [String!]!
    person(ssin: String!): String
  }
  type AccessLogPage {
    entries: [String!]!
    nextCursor: String
  }
`);
const resolvers = {
  Query: {
    // Echoes whose log the subgraph believes it serves: the citizen's SSIN, as the gateway vouched for it.
    accessLog: (_: unknown, _args: unknown, context: AccessContext) => ({ entries: [context.access?.citizenSsin ?? 'nobody'] }),
    myAuthorizations: () => ['ISC/24/017'],
    person: () => 'Janssens',
  },
};
const set: PolicySet = {
  partners: new Map(),
  capacities: new Map(),
  purposes: new Map(),
  authorizations: [
    {
      id: 'ISC/24/017',
      title: 'Unemployment benefit',
      legalBasis: 'test',
      partner: 'capac',
      purposes: ['UNEMPLOYMENT_BENEFIT'],
      validFrom: '2024-01-01',
      validUntil: null,
      scope: 'all',
      capacities: [],
      grants: { Query: [{ field: 'person' }] },
      location: { file: 'ISC-24-017.yaml', line: 1 },
    },
  ],
};
const capac: GatewayTokenClaims = {
  partnerId: 'capac',
  purpose: 'UNEMPLOYMENT_BENEFIT',
  authorizationIds: ['ISC/24/017'],
  requestId: 'r1',
};
const citizen: GatewayTokenClaims = {
  partnerId: 'citizen',
  purpose: 'CITIZEN_ACCESS_LOG',
  authorizationIds: ['CITIZEN-ACCESS-LOG'],
  requestId: 'r2',
  citizenSsin: '85073003328',
};
const forbidden = (field: string, data: unknown = null) => ({
  data,
  errors: [
    {
      message: 'No authorization of the Information Security Committee covers this field for this request.',
      locations: [{ line: 1, column: 3 }],
      path: [field],
      extensions: { code: 'FORBIDDEN' },
    },
  ],
});

let keys: Awaited<ReturnType<typeof generateGatewayKeyPair>>;
const servers: RunningHttpServer[] = [];
let sealed: RunningHttpServer;
let unsealed: RunningHttpServer;

async function start(disabled: ReadonlySet<'sealing'> = new Set()) {
  const logger = createLogger('citizen-calls-test');
  logger.level = 'silent';
  const server = await startSubgraphServer({
    name: 'test',
    typeDefs,
    resolvers,
    context: async () => ({}),
    access: {
      verifier: createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: 'test' }),
      policies: {
        current: () => set,
        reload: () => false,
        status: () => ({ version: 'test', loadedAt: '', reloads: 0, lastReload: null }),
      },
      development: false,
      disabled,
    },
    audit: null,
    logger,
    port: 0,
    host: '127.0.0.1',
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  keys = await generateGatewayKeyPair();
  sealed = await start();
  unsealed = await start(new Set(['sealing']));
});
afterAll(() => Promise.all(servers.map((s) => s.stop())));

async function ask(server: RunningHttpServer, query: string, headers: Record<string, string>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as unknown, cacheControl: response.headers.get('cache-control') };
}
const signed = async (claims: GatewayTokenClaims) => ({
  authorization: `Bearer ${await createGatewaySigner({ privateJwk: keys.privateJwk }).sign({ audience: 'test', ...claims })}`,
});
const ACCESS_LOG = '{ accessLog(ssin: "85073003328") { entries nextCursor } }';

describe('a sealed subgraph serving a citizen', () => {
  it("serves the citizen's access log, knowing the citizen's SSIN from the gateway's token", async () => {
    expect(await ask(sealed, ACCESS_LOG, await signed(citizen))).toEqual({
      status: 200,
      body: { data: { accessLog: { entries: ['85073003328'], nextCursor: null } } },
      cacheControl: 'no-store',
    });
  });

  it("refuses the citizen a partner's self-service", async () => {
    expect((await ask(sealed, '{ myAuthorizations }', await signed(citizen))).body).toEqual(forbidden('myAuthorizations'));
  });

  it("refuses the citizen a person's data, even their own", async () => {
    expect((await ask(sealed, '{ person(ssin: "85073003328") }', await signed(citizen))).body).toEqual(
      forbidden('person', { person: null }),
    );
  });

  it('refuses a partner the access log: a partner token never yields the citizen grants', async () => {
    expect((await ask(sealed, ACCESS_LOG, await signed(capac))).body).toEqual(forbidden('accessLog'));
  });

  it('refuses the access log to a citizen call whose token does not name CITIZEN-ACCESS-LOG', async () => {
    expect((await ask(sealed, ACCESS_LOG, await signed({ ...citizen, authorizationIds: [] }))).body).toEqual(forbidden('accessLog'));
  });
});

describe('a subgraph with sealing off (benchmark): the citizen in the plain claims header', () => {
  it('builds the same citizen access from the header', async () => {
    expect(await ask(unsealed, ACCESS_LOG, { [CLAIMS_HEADER]: JSON.stringify(citizen) })).toEqual({
      status: 200,
      body: { data: { accessLog: { entries: ['85073003328'], nextCursor: null } } },
      cacheControl: 'no-store',
    });
  });

  it('refuses claims naming a citizen by an invalid SSIN, as it would a token', async () => {
    const { status } = await ask(unsealed, ACCESS_LOG, { [CLAIMS_HEADER]: JSON.stringify({ ...citizen, citizenSsin: '85073003329' }) });
    expect(status).toBe(401);
  });

  it("refuses a partner's claims carrying a citizen's SSIN", async () => {
    const { status } = await ask(unsealed, ACCESS_LOG, { [CLAIMS_HEADER]: JSON.stringify({ ...capac, citizenSsin: '85073003328' }) });
    expect(status).toBe(401);
  });
});

describe('every answer of a subgraph', () => {
  it('forbids caching it, granted or refused', async () => {
    expect((await ask(sealed, '{ person(ssin: "85073003328") }', await signed(capac))).cacheControl).toBe('no-store');
    expect((await ask(sealed, '{ myAuthorizations }', await signed(citizen))).cacheControl).toBe('no-store');
  });
});
