// `npm run token -- <partnerId> [--purpose CODE] [--ttl SECONDS] [--audience AUD]`:
// a development token for a partner, signed with its key from dev-keys/.
// The token alone goes to stdout, so that TOKEN=$(npm run -s token -- capac) works.
import { parseArgs } from 'node:util';
import { GATEWAY_AUDIENCE } from '../auth/audiences.js';
import { MAX_PARTNER_TOKEN_LIFETIME_SECONDS } from '../auth/createPartnerAuthenticator.js';
import { PARTNERS_FILE, readDevPrivateKey } from '../auth/devKeys.js';
import { mintPartnerToken } from '../auth/mintPartnerToken.js';
import { readPartnerIssuer } from '../auth/readPartnerIssuer.js';
import { PURPOSE_HEADER } from '../auth/checkPurpose.js';

const usage = `npm run token -- <partnerId> [--purpose CODE] [--ttl SECONDS] [--audience AUD] [--partners FILE]

Prints a bearer token for a development partner (capac, famiwal, sfpd, forem,
inspection, security-officer), signed with its key in dev-keys/ and carrying
the issuer registered in authz-policies/partners.yaml.
  --purpose CODE   also print (on stderr) a curl command with the token and X-Purpose: CODE
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
if (positionals.length !== 1) fail(`Name one partner.\n\n${usage}`, 2);
const partnerId = positionals[0]!;
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_PARTNER_TOKEN_LIFETIME_SECONDS) {
  fail(`--ttl takes a whole number of seconds from 1 to ${MAX_PARTNER_TOKEN_LIFETIME_SECONDS}.`, 2);
}
// Pasted into a shell command below: a code is letters, digits and underscores anyway.
if (values.purpose !== undefined && !/^[A-Za-z0-9_.-]+$/.test(values.purpose))
  fail('--purpose takes a purpose code such as UNEMPLOYMENT_BENEFIT.', 2);

try {
  // The register first: an unknown partner is better told which partners exist than that a key file is missing.
  const issuer = readPartnerIssuer(values.partners, partnerId);
  const token = await mintPartnerToken({
    privateJwk: readDevPrivateKey(partnerId),
    partnerId,
    issuer,
    audience: values.audience,
    ttlSeconds,
  });
  process.stdout.write(`${token}\n`);
  if (values.purpose !== undefined) {
    const url = `http://localhost:${process.env.GATEWAY_PORT ?? 4000}/graphql`;
    process.stderr.write(
      `curl -s ${url} -H 'content-type: application/json' -H 'Authorization: Bearer ${token}' -H '${PURPOSE_HEADER}: ${values.purpose}' -d '{"query":"{ __typename }"}'\n`,
    );
  }
} catch (error) {
  fail((error as Error).message, 1);
}
