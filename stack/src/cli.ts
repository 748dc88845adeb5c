// `npm start`: the whole system on this machine, with seeded data.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { ensureServerBinaries } from '@crossroads/db';
import { generateAuditKeyPair, type AuditKeyPair } from '@crossroads/shared';
import { startStack } from './startStack.js';
import { defaultPorts, repoRoot, serviceNames, type ServiceName } from './services.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`npm start [-- --persons N --seed S]

Starts the embedded database (unless MONGODB_URI is set), seeds it when empty,
then the persons, employment and unemployment sources, the committee's
register (authorizations), the audit trail's reader (audit) and the gateway.
Environment: MONGODB_URI, GATEWAY_PORT (4000), PERSONS_PORT (4001),
EMPLOYMENT_PORT (4002), UNEMPLOYMENT_PORT (4003), AUTHORIZATIONS_PORT (4004),
AUDIT_PORT (4005), AUDIT_MONGODB_URI (default MONGODB_URI),
AUDIT_WITNESS_FILE (.data/audit-witness.jsonl), AUDIT_CHECKPOINT_INTERVAL_MS,
AUDIT_WRITE_TIMEOUT_MS, AUTHZ_POLICY_DIR, CROSSROADS_ENV, LOG_LEVEL (info).
`);
  process.exit(0);
}

const persons = Number(values.persons);
const seed = Number(values.seed);
if (!Number.isInteger(persons) || persons < 4 || !Number.isInteger(seed)) {
  process.stderr.write('--persons takes a whole number of at least 4 (the reference persons), --seed a whole number.\n');
  process.exit(2);
}

const envPort = (name: ServiceName) => Number(process.env[`${name.toUpperCase()}_PORT`] ?? defaultPorts[name]);
const say = (message: string) => process.stderr.write(`[crossroads] ${message}\n`);
const pad = Math.max(...serviceNames.map((n) => n.length));

try {
  if (!process.env.MONGODB_URI) ensureServerBinaries();
  const auditKeys = developmentAuditKeys(`${repoRoot}.data`);
  const stack = await startStack({
    auditKeys,
    ...(process.env.MONGODB_URI ? { mongoUri: process.env.MONGODB_URI } : { dataDir: `${repoRoot}.data` }),
    // Beside the data it vouches for, whichever database holds it.
    witnessFile: process.env.AUDIT_WITNESS_FILE || `${repoRoot}.data/audit-witness.jsonl`,
    persons,
    seed,
    ports: {
      gateway: envPort('gateway'),
      persons: envPort('persons'),
      employment: envPort('employment'),
      unemployment: envPort('unemployment'),
      authorizations: envPort('authorizations'),
      audit: envPort('audit'),
    },
    sink: (service, line) => process.stdout.write(`${service.padEnd(pad)} | ${line}\n`),
    onProgress: say,
  });
  const gatewayUrl = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
  process.stderr.write(`
Crossroads is running.
  GraphQL endpoint: ${gatewayUrl}
  Try, as HVW/CAPAC calculating an unemployment benefit (authorization ISC/24/017):
    TOKEN=$(npm run -s token -- capac)
    curl -s ${gatewayUrl} -H 'content-type: application/json' \\
      -H "authorization: Bearer $TOKEN" -H 'x-purpose: UNEMPLOYMENT_BENEFIT' \\
      -d '{"query":"query($ssin: SSIN!) { person(ssin: $ssin) { name { lastName firstNames } address { municipality } employments { employer { name } startDate endDate } unemploymentPayments(from: \\"2024-01-01\\", to: \\"2024-12-31\\") { month grossAmountCents } } }","variables":{"ssin":"85073003328"}}'
  Read the audit trail as the information security officer (authorization ISC/24/060), e.g. today's requests of capac:
    npm run -s audit -- export --partner capac --from $(TZ=Europe/Brussels date +%F) --to $(TZ=Europe/Brussels date +%F) --gateway ${gatewayUrl}
  Verify the audit trail (the key that signs its checkpoints is in .data/audit-keys.json, development only;
  every checkpoint is also witnessed in ${stack.witnessFile}):
    MONGODB_URI=${stack.mongoUri} AUDIT_WITNESS_FILE=${stack.witnessFile} AUDIT_PUBLIC_KEYS='${JSON.stringify([auditKeys.publicJwk])}' npm run audit -- verify
Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  say(`could not start: ${(error as Error).message}`);
  process.exit(1);
}

/**
 * The development audit key, kept beside the data it signs so that checkpoints
 * written before a restart still verify after it. Production gives each writer
 * its key through AUDIT_SIGNING_KEY from a secret store.
 */
function developmentAuditKeys(dataDir: string): AuditKeyPair {
  const file = `${dataDir}/audit-keys.json`;
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as AuditKeyPair;
  const keys = generateAuditKeyPair();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
