// `npm start`: the whole system on this machine, with seeded data.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ensureServerBinaries } from '@crossroads/db';
import { createPublicKey } from 'node:crypto';
import {
  auditKeyId,
  auditSigningKeyFromEnv,
  generateAuditKeyPair,
  readSettings,
  settings,
  settingsOf,
  type AuditKeyPair,
  type SettingName,
} from '@crossroads/shared';
import type { JWK } from 'jose';
import { startStack } from './startStack.js';
import { removeStackState, writeStackState, DEFAULT_STACK_STATE_FILE } from './stackState.js';
import { defaultMetricsPorts, repoRoot, serviceNames } from './services.js';
import type { ServiceProcess } from './serviceProcess.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    replicas: { type: 'string', default: '1' },
    compiled: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(`npm start [-- --persons N --seed S --replicas N --compiled]

Starts the embedded database (unless MONGODB_URI is set), seeds it when empty,
then the persons, employment and unemployment sources, the committee's
register (authorizations), the audit trail's reader (audit), the reference directory (directory) and the gateway.
It runs as CROSSROADS_ENV=development unless told otherwise: the development
keys of dev-keys/ are trusted, and the audit checkpoints are signed with the
development key kept in .data/audit-keys.json. Under any other CROSSROADS_ENV
it takes AUDIT_SIGNING_KEY from the environment and the services refuse every
development key (docs/operations.md). It records what it runs in
.data/stack.json, for npm run policies:reload and npm run audit.

  --replicas N   N copies of every service, on ports of their own, behind
                 HAProxy (installed with apt-get when missing) listening on
                 the services' ports; it checks each copy's /health/ready
  --compiled     run the compiled services (npm run build first) with node,
                 as production does, instead of the sources through tsx

Every service serves Prometheus metrics on a port of its own, from 9400
(replica n adds 10 x (n - 1)); .data/prometheus-targets.json lists them for
Prometheus's file_sd_configs.
Environment: every variable of the README's configuration table, among them
MONGODB_URI, GATEWAY_PORT (4000), PERSONS_PORT (4001), EMPLOYMENT_PORT (4002),
UNEMPLOYMENT_PORT (4003), AUTHORIZATIONS_PORT (4004), AUDIT_PORT (4005), DIRECTORY_PORT (4006),
AUDIT_MONGODB_URI (default MONGODB_URI), AUDIT_WITNESS_FILE
(.data/audit-witness.jsonl), AUTHZ_POLICY_DIR, CROSSROADS_ENV, LOG_LEVEL (info).
`);
  process.exit(0);
}

const persons = Number(values.persons);
const seed = Number(values.seed);
const replicas = Number(values.replicas);
if (!Number.isInteger(persons) || persons < 4 || !Number.isInteger(seed) || !Number.isInteger(replicas) || replicas < 1 || replicas > 8) {
  process.stderr.write(
    '--persons takes a whole number of at least 4 (the reference persons), --seed a whole number, --replicas a whole number from 1 to 8.\n',
  );
  process.exit(2);
}

const say = (message: string) => process.stderr.write(`[crossroads] ${message}\n`);
const pad = Math.max(...serviceNames.map((n) => n.length));

// A developer's machine: the services it starts inherit this (and trust the development keys) unless told otherwise.
process.env.CROSSROADS_ENV ||= 'development';
const env = readStartSettings();
const development = env.CROSSROADS_ENV === 'development';

/** Every setting npm start reads, checked before anything starts; a bad one stops it naming the variable. */
function readStartSettings() {
  try {
    // What every service it starts will read, checked now, before the database starts: all but what the stack supplies.
    const supplied = new Set<SettingName>(['GATEWAY_SIGNING_KEY', 'GATEWAY_PUBLIC_KEY', 'AUDIT_SIGNING_KEY', 'PORT']);
    const names = new Set([...settingsOf('npm start'), ...serviceNames.flatMap((name) => settingsOf(name))]);
    readSettings([...names].filter((name) => !supplied.has(name)));
    return readSettings([
      'CROSSROADS_ENV',
      'MONGODB_URI',
      'AUTHZ_POLICY_DIR',
      'GATEWAY_PORT',
      'PERSONS_PORT',
      'EMPLOYMENT_PORT',
      'UNEMPLOYMENT_PORT',
      'AUTHORIZATIONS_PORT',
      'AUDIT_PORT',
      'DIRECTORY_PORT',
    ]);
  } catch (error) {
    say(`could not start:\n${(error as Error).message}`);
    process.exit(1);
  }
}

try {
  if (!env.MONGODB_URI) await ensureServerBinaries({ onProgress: say });
  const auditKeys = development ? developmentAuditKeys(`${repoRoot}.data`) : deploymentAuditKeys();
  const stack = await startStack({
    auditKeys,
    ...(env.MONGODB_URI ? { mongoUri: env.MONGODB_URI } : { dataDir: `${repoRoot}.data` }),
    // Beside the data it vouches for, whichever database holds it.
    witnessFile: process.env.AUDIT_WITNESS_FILE || `${repoRoot}.data/audit-witness.jsonl`,
    persons,
    seed,
    ports: {
      gateway: env.GATEWAY_PORT,
      persons: env.PERSONS_PORT,
      employment: env.EMPLOYMENT_PORT,
      unemployment: env.UNEMPLOYMENT_PORT,
      authorizations: env.AUTHORIZATIONS_PORT,
      audit: env.AUDIT_PORT,
      directory: env.DIRECTORY_PORT,
    },
    replicas,
    compiled: values.compiled,
    metricsPorts: defaultMetricsPorts,
    sink: (service, line) => process.stdout.write(`${service.padEnd(pad)} | ${line}\n`),
    onProgress: say,
  });
  const running = serviceNames.flatMap((name) => stack.replicas[name]);
  writeStackState(DEFAULT_STACK_STATE_FILE, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    policyDir: path.resolve(repoRoot, env.AUTHZ_POLICY_DIR),
    services: running.map((s) => ({
      name: s.name,
      pid: s.child.pid!,
      port: s.port,
      replica: s.replica,
      ...(s.metricsPort !== undefined ? { metricsPort: s.metricsPort } : {}),
    })),
    crossroadsEnv: env.CROSSROADS_ENV,
    // Only the embedded server's address (no password in it): an operator's MONGODB_URI is never written down.
    ...(env.MONGODB_URI ? {} : { mongoUri: stack.mongoUri }),
    witnessFile: stack.witnessFile,
    auditPublicKeys: [auditKeys.publicJwk],
    ...(stack.balancer ? { balancerConfig: stack.balancer.configFile } : {}),
  });
  writePrometheusTargets(`${repoRoot}.data/prometheus-targets.json`, running);
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
  Verify the audit trail (it finds this stack's database, witness and development key by itself):
    npm run audit -- verify
  Metrics (Prometheus text format), one port per process; targets for Prometheus in .data/prometheus-targets.json:
    ${running.map((s) => `${s.name}${replicas > 1 ? `#${s.replica}` : ''} :${s.metricsPort}`).join(', ')}
    curl -s http://localhost:${stack.services.gateway.metricsPort}/metrics | grep ^crossroads_gateway
${
  stack.balancer
    ? `  ${replicas} replicas of every service behind HAProxy (${stack.balancer.configFile}); each copy's /health/ready decides whether it gets traffic.\n`
    : ''
}  After editing authz-policies/, reload every service and see what each says:
    npm run policies:reload
Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    removeStackState(DEFAULT_STACK_STATE_FILE);
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
 * Outside development the checkpoint key is the deployment's, from
 * AUDIT_SIGNING_KEY (a development key there is refused); its public half is
 * derived from it.
 */
function deploymentAuditKeys(): AuditKeyPair {
  if (!process.env.AUDIT_SIGNING_KEY) {
    throw new Error(
      `CROSSROADS_ENV=${env.CROSSROADS_ENV}: set AUDIT_SIGNING_KEY (${settings.AUDIT_SIGNING_KEY.expected}); the development key in .data/ is for development only.`,
    );
  }
  const privateJwk = auditSigningKeyFromEnv();
  const publicKey = createPublicKey({ key: privateJwk as never, format: 'jwk' });
  const publicJwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: auditKeyId(publicKey), alg: 'EdDSA', use: 'sig' };
  return { privateJwk, publicJwk };
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

/**
 * Every process's metrics endpoint as a Prometheus `file_sd_configs` file: point a local Prometheus at it
 * (docs/operations.md) and it scrapes each service and replica, labelled by service.
 */
function writePrometheusTargets(file: string, running: ServiceProcess[]): void {
  const groups = running
    .filter((s) => s.metricsPort !== undefined)
    .map((s) => ({ targets: [`127.0.0.1:${s.metricsPort}`], labels: { service: s.name, replica: String(s.replica) } }));
  fs.writeFileSync(file, `${JSON.stringify(groups, null, 2)}\n`);
}
