// `npm run token -- <partnerId> [--purpose CODE] [--ttl SECONDS] [--audience AUD]`:
// a development token for a partner, signed with its key from dev-keys/.
// `npm run token -- --citizen SSIN [--ttl SECONDS] [--audience AUD]`: a
// development token for a citizen, as the citizens' identity provider would
// issue it after a login, signed with its development key.
// The token alone goes to stdout, so that TOKEN=$(npm run -s token -- capac) works.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GATEWAY_AUDIENCE } from '../auth/audiences.js';
import { MAX_PARTNER_TOKEN_LIFETIME_SECONDS } from '../auth/createPartnerAuthenticator.js';
import { DEV_CITIZEN_IDP_KEY, PARTNERS_FILE, readDevPrivateKey } from '../auth/devKeys.js';
import { mintCitizenToken } from '../auth/mintCitizenToken.js';
import { mintPartnerToken } from '../auth/mintPartnerToken.js';
import { CITIZEN_LOGIN_FILE, readCitizenLogin } from '../auth/readCitizenLogin.js';
import { readPartnerIssuer } from '../auth/readPartnerIssuer.js';
import { PURPOSE_HEADER } from '../auth/checkPurpose.js';
import { policyDir } from '../authz/policyPaths.js';
import { parseSsin, SsinError } from '../identifiers/ssin.js';

const usage = `npm run token -- <partnerId> [--purpose CODE] [--ttl SECONDS] [--audience AUD] [--partners FILE]
npm run token -- --citizen SSIN [--ttl SECONDS] [--audience AUD]

Prints a bearer token for a development partner (capac, famiwal, sfpd, forem,
inspection, security-officer), signed with its key in dev-keys/ and carrying
the issuer registered in authz-policies/partners.yaml; or, with --citizen, a
token for the citizen with that SSIN, signed with the development key of the
citizens' identity provider (authz-policies/identity-providers/citizens.yaml).
A citizen token reads that citizen's own access log and nothing else.
  --citizen SSIN   a citizen token whose subject is SSIN (separators allowed)
  --purpose CODE   partners: also print (on stderr) a curl command with the token and X-Purpose: CODE
  --ttl SECONDS    lifetime, 1 to ${MAX_PARTNER_TOKEN_LIFETIME_SECONDS}; default 900
  --audience AUD   default ${GATEWAY_AUDIENCE}
  --partners FILE  the partner register; default authz-policies/partners.yaml
`;

function fail(message: string, status: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      citizen: { type: 'string' },
      purpose: { type: 'string' },
      ttl: { type: 'string', default: '900' },
      audience: { type: 'string', default: GATEWAY_AUDIENCE },
      partners: { type: 'string', default: PARTNERS_FILE },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n\n${usage}`, 2);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const ttlSeconds = Number(values.ttl);
if (values.citizen !== undefined) {
  if (positionals.length > 0) fail(`Name a partner or give --citizen SSIN, not both.\n\n${usage}`, 2);
  if (values.purpose !== undefined) fail(`--purpose is for partners: a citizen's requests have one implicit purpose.`, 2);
} else if (positionals.length !== 1) fail(`Name one partner, or give --citizen SSIN.\n\n${usage}`, 2);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_PARTNER_TOKEN_LIFETIME_SECONDS) {
  fail(`--ttl takes a whole number of seconds from 1 to ${MAX_PARTNER_TOKEN_LIFETIME_SECONDS}.`, 2);
}
// Pasted into a shell command below: a code is letters, digits and underscores anyway.
if (values.purpose !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.purpose))
  fail('--purpose takes a purpose code such as UNEMPLOYMENT_BENEFIT.', 2);

try {
  process.stdout.write(`${values.citizen !== undefined ? await citizenToken(values.citizen) : await partnerToken(positionals[0]!)}\n`);
} catch (error) {
  fail((error as Error).message, 1);
}

async function citizenToken(input: string): Promise<string> {
  try {
    parseSsin(input);
  } catch (error) {
    if (error instanceof SsinError) fail(`--citizen takes a valid SSIN. ${error.message}`, 2);
    throw error;
  }
  const login = readCitizenLogin(policyDir);
  if (!login) throw new Error(`${path.join(policyDir, CITIZEN_LOGIN_FILE)} does not exist: it names the citizens' identity provider.`);
  return mintCitizenToken({
    privateJwk: readDevPrivateKey(DEV_CITIZEN_IDP_KEY),
    ssin: input,
    issuer: login.issuer,
    audience: values.audience,
    ttlSeconds,
  });
}

async function partnerToken(partnerId: string): Promise<string> {
  // The register first: an unknown partner is better told which partners exist than that a key file is missing.
  const issuer = readPartnerIssuer(values.partners, partnerId);
  const token = await mintPartnerToken({
    privateJwk: readDevPrivateKey(partnerId),
    partnerId,
    issuer,
    audience: values.audience,
    ttlSeconds,
  });
  if (values.purpose !== undefined) {
    const url = `http://localhost:${process.env.GATEWAY_PORT ?? 4000}/graphql`;
    process.stderr.write(
      `curl -s ${url} -H 'content-type: application/json' -H 'Authorization: Bearer ${token}' -H '${PURPOSE_HEADER}: ${values.purpose}' -d '{"query":"{ __typename }"}'\n`,
    );
  }
  return token;
}
