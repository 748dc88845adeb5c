import { formatSsin } from '@crossroads/shared';
import { REFERENCE_SSIN, type Profile, type ProfileName } from './profiles.js';

/** What an attack sends, byte for byte: the attacker controls all of it. */
export interface AttackRequest {
  method: string;
  /** Path and query string; default /graphql. */
  path?: string;
  headers: Record<string, string>;
  body?: string;
}

/** How the hub must answer, and what it must leave in the audit trail. */
export interface Expected {
  status: number;
  code: string;
  /** Extensions the refusal must carry besides `code`. */
  extensions?: Record<string, unknown>;
  /** Recorded: a request record with this code under the caller's name. Counted: no record (an unidentified caller). */
  audit: 'recorded' | 'counted';
  /** The request record must name these persons (a lookup is recorded even when refused or when nothing is found). */
  names?: readonly string[];
}

export interface AttackCase {
  id: string;
  /** The finding of issue #11 it answers. */
  finding: string;
  /** What the attacker does. */
  attack: string;
  /** What the hub did before, as measured when the finding was filed. */
  before: string;
  profiles: readonly ProfileName[];
  request(profile: Profile): Promise<AttackRequest>;
  expect(profile: Profile): Expected;
}

const json = (headers: Record<string, string>, body: unknown): AttackRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

/** 1,000 well-formed SSINs, most of which no register knows: a prober's list. */
export const probeSsins: readonly string[] = Array.from({ length: 1000 }, (_, i) =>
  formatSsin({ birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`, serial: 1 + ((i * 7) % 997) }),
);

const limit = (name: string, max?: number): Omit<Expected, 'audit'> => ({
  status: 400,
  code: 'OPERATION_LIMIT_EXCEEDED',
  extensions: { limit: name, ...(max !== undefined ? { max } : {}) },
});

const all: readonly ProfileName[] = ['granted', 'expired', 'none', 'citizen'];
const partners: readonly ProfileName[] = ['granted', 'expired', 'none'];

/**
 * The attack catalogue: every finding of issue #11 that a request can try,
 * each sent by every profile against the running stack (attacks.e2e.ts).
 * Findings proved by tests of their own (keys, the audit trail's tail, rate
 * limits, overload, keep-alive) are listed in test/attacks/README.md and
 * docs/security.md with the test that proves each.
 */
export const catalogue: readonly AttackCase[] = [
  {
    id: 'A01',
    finding: 'No operation limits',
    attack: 'aliases nested in lists multiply: 6 aliases at each of three levels under persons',
    before: '8 aliases at each of four levels gave a 1.46 MB answer in 1.1 s',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), {
        query: `query ($s: [SSIN!]!) { persons(ssins: $s) { ${aliases(6, `employments { ${aliases(6, `employer { ${aliases(6, 'name')} }`)} }`)} } }`,
        variables: { s: probeSsins.slice(0, 5) },
      }),
    expect: () => ({ ...limit('aliases'), audit: 'recorded' }),
  },
  {
    id: 'A02',
    finding: 'No operation limits',
    attack: '101 aliases of one field at the root',
    before: '101 aliases were accepted',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ ${aliases(101, '__typename')} }` }),
    expect: (p) => ({ ...limit('rootFields', p.name === 'citizen' ? 3 : 10), audit: 'recorded' }),
  },
  {
    id: 'A03',
    finding: 'No operation limits',
    attack: '101 aliased person lookups',
    before: '101 aliases were accepted',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ ${aliases(101, `person(ssin: "${REFERENCE_SSIN}") { ssin }`)} }` }),
    // A citizen's documents may hold 1,000 tokens: that limit comes first.
    expect: (p) => ({ ...(p.name === 'citizen' ? limit('tokens', 1000) : limit('aliases', 15)), audit: 'recorded' }),
  },
  {
    id: 'A04',
    finding: 'No operation limits',
    attack: 'four aliases of persons, 1,000 SSINs each',
    before: 'passed the 1,000-person cap: 4,000 persons in one request',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), {
        query: `query ($s: [SSIN!]!) { ${aliases(4, 'persons(ssins: $s) { ssin }')} }`,
        variables: { s: probeSsins },
      }),
    // A citizen may send three root fields: that limit comes first.
    expect: (p) => ({ ...(p.name === 'citizen' ? limit('rootFields', 3) : limit('persons', 1000)), audit: 'recorded' }),
  },
  {
    id: 'A05',
    finding: 'No operation limits',
    attack: 'a directive repeated 25 times',
    before: 'a directive repeated ten times yielded ten errors',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ __typename ${'@include(if: true) '.repeat(25)} }` }),
    expect: () => ({ ...limit('directives', 20), audit: 'recorded' }),
  },
  {
    id: 'A06',
    finding: 'No operation limits',
    attack: 'a 12.6 KB document of repeated selections, from a partner with no authorization',
    before: 'cost 460 ms of CPU to validate for a partner holding no authorization',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), { query: `{ person(ssin: "${REFERENCE_SSIN}") { ${'name { lastName firstNames } '.repeat(440)} } }` }),
    expect: (p) => ({ ...(p.name === 'citizen' ? limit('documentBytes', 8192) : limit('fields', 400)), audit: 'recorded' }),
  },
  {
    id: 'A07',
    finding: 'No operation limits',
    attack: 'a document of more than 4,000 tokens',
    before: 'parsed and validated whole',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ ${'a '.repeat(4_100)} }` }),
    // A citizen's documents are smaller still: 8 KiB, which this one passes first.
    expect: (p) =>
      p.name === 'citizen' ? { ...limit('documentBytes', 8192), audit: 'recorded' } : { ...limit('tokens', 4000), audit: 'recorded' },
  },
  {
    id: 'A08',
    finding: 'No operation limits',
    attack: 'a 40 KB document (SSINs inline, padded)',
    before: 'parsed and validated whole',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ __typename }${' '.repeat(40_000)}` }),
    expect: (p) => ({ ...limit('documentBytes', p.name === 'citizen' ? 8192 : 32768), audit: 'recorded' }),
  },
  {
    id: 'A09',
    finding: 'Shared persisted-query cache',
    attack: 'a persisted-query hash instead of a document (probing what other partners sent)',
    before: 'automatic persisted queries on and shared by all partners; a hash-only request recorded without its document',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), {
        extensions: { persistedQuery: { version: 1, sha256Hash: 'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38' } },
      }),
    expect: () => ({ status: 400, code: 'PERSISTED_QUERY_NOT_SUPPORTED', audit: 'recorded' }),
  },
  {
    id: 'A10',
    finding: 'No shared caches, no identifiers in URLs',
    attack: 'an operation sent with GET, the SSIN in the URL',
    before: 'answered over GET',
    profiles: all,
    request: async (p) => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(`{ person(ssin: "${REFERENCE_SSIN}") { ssin } }`)}`,
      headers: await p.headers(),
    }),
    expect: () => ({ status: 405, code: 'METHOD_NOT_ALLOWED', audit: 'recorded' }),
  },
  {
    id: 'A11',
    finding: 'An Apollo landing page',
    attack: 'a browser asking for the endpoint as a page',
    before: 'a landing page loading scripts from a CDN, answered with text/html',
    profiles: all,
    request: async (p) => ({ method: 'GET', headers: { ...(await p.headers()), accept: 'text/html' } }),
    expect: () => ({ status: 405, code: 'METHOD_NOT_ALLOWED', audit: 'recorded' }),
  },
  {
    id: 'A12',
    finding: 'Refusals not recorded (CSRF)',
    attack: 'a cross-site simple request: the operation as text/plain',
    before: 'refused without a record',
    profiles: all,
    request: async (p) => ({
      method: 'POST',
      headers: { ...(await p.headers()), 'content-type': 'text/plain' },
      body: JSON.stringify({ query: `{ person(ssin: "${REFERENCE_SSIN}") { ssin } }` }),
    }),
    expect: () => ({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', audit: 'recorded' }),
  },
  {
    id: 'A13',
    finding: 'Refusals not recorded (CSRF)',
    attack: 'an HTML form post (application/x-www-form-urlencoded)',
    before: 'refused without a record',
    profiles: partners,
    request: async (p) => ({
      method: 'POST',
      headers: { ...(await p.headers()), 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    }),
    expect: () => ({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', audit: 'recorded' }),
  },
  {
    id: 'A14',
    finding: 'Refusals not recorded (size)',
    attack: 'a body of 1.5 MiB',
    before: 'refused (413) without a record, and the next request on the connection was reset',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: '{ __typename }', variables: { pad: 'x'.repeat(1_536 * 1024) } }),
    expect: () => ({ status: 413, code: 'PAYLOAD_TOO_LARGE', audit: 'recorded' }),
  },
  {
    id: 'A15',
    finding: 'Refusals not recorded (malformed JSON)',
    attack: 'a body that is not JSON',
    before: 'refused without a record',
    profiles: all,
    request: async (p) => ({
      method: 'POST',
      headers: { ...(await p.headers()), 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    }),
    expect: () => ({ status: 400, code: 'BAD_REQUEST', extensions: { reason: 'BODY_NOT_JSON' }, audit: 'recorded' }),
  },
  {
    id: 'A16',
    finding: 'Refusals not recorded (batching)',
    attack: 'a JSON array of 50 operations (a batch)',
    before: 'refused without a record',
    profiles: all,
    request: async (p) =>
      json(
        await p.headers(),
        Array.from({ length: 50 }, () => ({ query: `{ person(ssin: "${REFERENCE_SSIN}") { ssin } }` })),
      ),
    expect: () => ({ status: 400, code: 'BAD_REQUEST', extensions: { reason: 'BODY_NOT_AN_OBJECT' }, audit: 'recorded' }),
  },
  {
    id: 'A17',
    finding: 'Refusals not recorded (validation)',
    attack: 'a document that does not validate (a field that does not exist)',
    before: 'refused; recorded only when it reached the GraphQL pipeline',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ person(ssin: "${REFERENCE_SSIN}") { nationalRegisterSecret } }` }),
    expect: () => ({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED', audit: 'recorded' }),
  },
  {
    id: 'A18',
    finding: 'Refusals not recorded',
    attack: 'a JSON object without a document',
    before: 'refused without a record',
    profiles: all,
    request: async (p) => json(await p.headers(), { variables: { ssin: REFERENCE_SSIN } }),
    expect: () => ({ status: 400, code: 'BAD_REQUEST', extensions: { reason: 'QUERY_MISSING' }, audit: 'recorded' }),
  },
  {
    id: 'A19',
    finding: 'Refusals not recorded',
    attack: 'a valid token without a purpose',
    before: 'recorded without naming the partner',
    profiles: partners,
    request: async (p) => {
      const headers = await p.headers();
      delete headers['x-purpose'];
      return json(headers, { query: `{ person(ssin: "${REFERENCE_SSIN}") { ssin } }` });
    },
    expect: () => ({ status: 400, code: 'PURPOSE_REQUIRED', audit: 'recorded' }),
  },
  {
    id: 'A20',
    finding: 'Unrecorded probing',
    attack: 'which of 1,000 SSINs exist: persons(ssins) selecting only the keys',
    before: 'answered (null for the unknown ones) and no release was written: who exists could be learnt without a trace',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), { query: 'query ($s: [SSIN!]!) { persons(ssins: $s) { ssin } }', variables: { s: probeSsins } }),
    // The granted partner does not follow these persons: refused without a register being read, the same whether they exist or not.
    expect: (p) =>
      p.name === 'granted'
        ? { status: 403, code: 'PERSON_NOT_FOLLOWED', audit: 'recorded', names: probeSsins }
        : p.name === 'citizen'
          ? { ...limit('persons', 1), audit: 'recorded' }
          : { status: 403, code: 'FORBIDDEN', audit: 'recorded', names: probeSsins },
  },
  {
    id: 'A21',
    finding: 'Unrecorded probing',
    attack: 'whether one person exists: person(ssin) selecting only __typename',
    before: 'answered without a release: a lookup left no trace',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: `{ person(ssin: "${probeSsins[0]}") { __typename } }` }),
    expect: (p) =>
      p.name === 'granted'
        ? { status: 403, code: 'PERSON_NOT_FOLLOWED', audit: 'recorded', names: [probeSsins[0]!] }
        : { status: 403, code: 'FORBIDDEN', audit: 'recorded', names: [probeSsins[0]!] },
  },
  {
    id: 'A22',
    finding: 'Unbounded date arguments',
    attack: 'the whole address history through aliases of address(asOf), one per year',
    before: 'a grant of address without bounds gave the whole history, although addressHistory is a separate grant',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), {
        query: `{ person(ssin: "${REFERENCE_SSIN}") { y1990: address(asOf: "1990-01-01") { street } y2000: address(asOf: "2000-01-01") { street } } }`,
      }),
    expect: (p) => ({
      status: 403,
      code: 'FORBIDDEN',
      ...(p.name === 'granted' ? { extensions: { uncovered: ['Person.address(asOf)'] } } : {}),
      audit: 'recorded',
    }),
  },
  {
    id: 'A23',
    finding: 'Input gaps',
    attack: 'an array of SSINs sent for a variable that takes one',
    before: 'reached the source unchecked',
    profiles: all,
    request: async (p) =>
      json(await p.headers(), {
        query: 'query ($ssin: SSIN!) { person(ssin: $ssin) { ssin } }',
        variables: { ssin: [REFERENCE_SSIN, probeSsins[0]] },
      }),
    // A citizen names one person per request: two are over its limit before their shape is looked at.
    expect: (p) =>
      p.name === 'citizen' ? { ...limit('persons', 1), audit: 'recorded' } : { status: 400, code: 'BAD_USER_INPUT', audit: 'recorded' },
  },
  {
    id: 'A24',
    finding: 'Input gaps',
    attack: "an invalid SSIN as a variable's default value",
    before: 'reached the source unchecked',
    profiles: all,
    request: async (p) => json(await p.headers(), { query: 'query ($ssin: SSIN = "12345678901") { person(ssin: $ssin) { ssin } }' }),
    expect: () => ({ status: 400, code: 'BAD_USER_INPUT', extensions: { rule: 'SSIN_CHECK_DIGITS' }, audit: 'recorded' }),
  },
];

/** Attacks by callers that cannot be identified: refused, counted, never recorded (they would let junk fill the trail). */
export const anonymousCatalogue: readonly { id: string; attack: string; request: AttackRequest; expect: Omit<Expected, 'audit'> }[] = [
  {
    id: 'N01',
    attack: 'no token',
    request: json({ 'x-purpose': 'UNEMPLOYMENT_BENEFIT' }, { query: '{ __typename }' }),
    expect: { status: 401, code: 'UNAUTHENTICATED', extensions: { reason: 'TOKEN_MISSING' } },
  },
  {
    id: 'N02',
    attack: 'a token that is not a JWT',
    request: json({ authorization: 'Bearer not-a-token', 'x-purpose': 'UNEMPLOYMENT_BENEFIT' }, { query: '{ __typename }' }),
    expect: { status: 401, code: 'UNAUTHENTICATED', extensions: { reason: 'TOKEN_MALFORMED' } },
  },
  {
    id: 'N03',
    attack: 'a 1.5 MiB body without a token',
    request: json({}, { query: '{ __typename }', variables: { pad: 'x'.repeat(1_536 * 1024) } }),
    expect: { status: 401, code: 'UNAUTHENTICATED', extensions: { reason: 'TOKEN_MISSING' } },
  },
];
