/**
 * CPU per token operation on the request path (decision 0013):
 *
 *   node --import tsx shared/src/auth/measureJwtHotPath.ts [--n 4000] [--rounds 3]
 *
 * Sequential calls, CPU time of the whole process (process.cpuUsage counts
 * WebCrypto's worker threads too), best round of several so that another
 * process on the machine inflates nothing. Measures what the gateway does per
 * request (authenticate the partner's token, re-sent unchanged; sign one token
 * per subgraph call) and what a subgraph does per call (verify it).
 */
import { parseArgs } from 'node:util';
import type { Partner } from '../authz/model.js';
import { policyDir } from '../authz/policyPaths.js';
import { GATEWAY_AUDIENCE } from './audiences.js';
import { createGatewaySigner } from './createGatewaySigner.js';
import { createGatewayTokenVerifier } from './createGatewayTokenVerifier.js';
import { createPartnerAuthenticator } from './createPartnerAuthenticator.js';
import { readDevPrivateKey } from './devKeys.js';
import { generateGatewayKeyPair } from './gatewayKeys.js';
import { mintPartnerToken } from './mintPartnerToken.js';
import { unverifiedIssuer } from './unverifiedIssuer.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '4000' }, rounds: { type: 'string', default: '3' } } });
const n = Number(values.n);
const rounds = Number(values.rounds);

/** Microseconds of CPU per call of `op(i)`, best of `rounds` rounds of `n` calls (after one warm-up round). */
async function cpuPerCall(op: (i: number) => unknown): Promise<number> {
  let best = Infinity;
  for (let round = 0; round <= rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await op(round * n + i);
    const { user, system } = process.cpuUsage(start);
    if (round > 0) best = Math.min(best, (user + system) / n);
  }
  return best;
}

const partner: Partner = {
  id: 'capac',
  name: 'capac',
  kind: 'PAYMENT_INSTITUTION',
  issuer: 'urn:crossroads:partner:capac',
  jwks: { file: 'keys/capac.jwks.json' },
  location: { file: 'partners.yaml', line: 1 },
};
const partners = new Map([[partner.id, partner]]);
const mint = () =>
  mintPartnerToken({
    privateJwk: readDevPrivateKey('capac'),
    partnerId: 'capac',
    issuer: partner.issuer,
    audience: GATEWAY_AUDIENCE,
    ttlSeconds: 900,
  });

const authenticator = createPartnerAuthenticator({ partners, policyDir, audience: GATEWAY_AUDIENCE });
const repeated = `Bearer ${await mint()}`;
const distinct = await Promise.all(Array.from({ length: (rounds + 1) * n }, async () => `Bearer ${await mint()}`));

const keys = await generateGatewayKeyPair();
const signer = createGatewaySigner({ privateJwk: keys.privateJwk });
const claims = { partnerId: 'capac', purpose: 'UNEMPLOYMENT_BENEFIT', authorizationIds: ['ISC/24/017'], requestId: 'req-1', call: 1 };
const gatewayTokens: string[] = [];
for (let i = 0; i < (rounds + 1) * n; i++) gatewayTokens.push(`Bearer ${await signer.sign({ audience: 'persons', ...claims })}`);
const verifier = createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: 'persons', maxReplayEntries: 10 * (rounds + 1) * n });

const results = {
  'partner authenticate, same token every request': await cpuPerCall(() => authenticator.authenticate(repeated)),
  'partner authenticate, a new token every request': await cpuPerCall((i) => authenticator.authenticate(distinct[i])),
  'unverified issuer (citizen or partner?), per request': await cpuPerCall(() => unverifiedIssuer(repeated)),
  'gateway sign, per subgraph call': await cpuPerCall(() => signer.sign({ audience: 'persons', ...claims })),
  'subgraph verify, per call': await cpuPerCall((i) => verifier.verify(gatewayTokens[i])),
};
for (const [what, us] of Object.entries(results)) process.stdout.write(`${us.toFixed(1).padStart(8)} µs  ${what}\n`);
