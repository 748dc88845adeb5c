import type { z } from 'zod';
import { securityLayers } from '../access/securityLayers.js';
import { policyDir } from '../authz/policyPaths.js';
import {
  filePath,
  httpUrl,
  listOf,
  mongoUri,
  oneOf,
  port,
  privateEd25519Jwk,
  publicEd25519Jwk,
  publicEd25519Jwks,
  text,
  wholeNumber,
  type SettingType,
} from './settingTypes.js';

/** The processes that read settings, and the groups the configuration table names. */
export const readers = {
  gateway: ['gateway'],
  persons: ['persons'],
  employment: ['employment'],
  unemployment: ['unemployment'],
  authorizations: ['authorizations'],
  audit: ['audit'],
  directory: ['directory'],
  /** Every service process: the gateway and the subgraphs. */
  'every service': ['gateway', 'persons', 'employment', 'unemployment', 'authorizations', 'audit', 'directory'],
  'every subgraph': ['persons', 'employment', 'unemployment', 'authorizations', 'audit', 'directory'],
  /** Every process that writes the audit trail: the gateway and the subgraphs with a database. */
  'every audit writer': ['gateway', 'persons', 'employment', 'unemployment', 'audit', 'directory'],
  'npm start': ['npm start'],
  'npm run audit': ['npm run audit'],
  'npm run bench': ['npm run bench'],
} as const;

export type Reader = keyof typeof readers;
export type ProcessName = (typeof readers)[Reader][number];

export interface SettingSpec<T> extends SettingType<T> {
  /** What it sets, one sentence for the configuration table (Markdown). */
  meaning: string;
  readBy: readonly Reader[];
  /** The value when the variable is unset or empty. */
  default?: T;
  /** How the default reads in the table, when not the value itself. */
  defaultText?: string;
  /** Unset stops every process that reads it. */
  required?: true;
  /**
   * Never quoted back in a refusal: keys (a public-key variable too, since a
   * private key pasted there by mistake must not end up in a log) and
   * connection strings, which may carry a password.
   */
  secret?: true;
}

const ENVIRONMENTS = ['production', 'development', 'test', 'benchmark'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const sourcePort = (name: string, defaultPort: number) =>
  ({
    meaning: `port of the ${name} under \`npm start\``,
    readBy: ['npm start'],
    ...port,
    default: defaultPort,
  }) satisfies SettingSpec<number>;

const sourceUrl = (name: string, defaultPort: number) =>
  ({
    meaning: `where the gateway finds the ${name}`,
    readBy: ['gateway'],
    ...httpUrl,
    defaultText: `\`http://127.0.0.1:${defaultPort}/graphql\``,
  }) satisfies SettingSpec<string>;

/**
 * Every environment variable any process of Crossroads reads, once: its type,
 * range, default and meaning. Each process checks the ones it reads when it
 * starts (`checkSettings`), and a bad value stops it with
 * `NAME="value": expected …`. The README's configuration table is generated
 * from this list (`npm run docs:config`). Adding a variable is adding an entry.
 */
export const settings = {
  CROSSROADS_ENV: {
    meaning:
      '`development` (`npm start`) opens introspection and trusts the development keys of `dev-keys/`; `test` (end-to-end tests) and `benchmark` (`npm run bench`) trust those keys but otherwise behave as `production`, which refuses to start with any development key or key file of the repository ([docs/operations.md](docs/operations.md))',
    readBy: ['every service', 'npm start', 'npm run audit'],
    ...oneOf(ENVIRONMENTS),
    default: 'production',
  },
  CROSSROADS_BENCH_DISABLE: {
    meaning: 'security layers a benchmark switches off, honoured only with `CROSSROADS_ENV=benchmark`',
    readBy: ['every service'],
    ...listOf(securityLayers),
    default: [],
    defaultText: '(none)',
  },
  LOG_LEVEL: {
    meaning: 'pino log level of every service',
    readBy: ['every service'],
    ...oneOf(LOG_LEVELS),
    default: 'info',
  },
  MONGODB_URI: {
    meaning:
      'the MongoDB holding the sources. **Production points this at a MongoDB replica set**; unset, `npm start` and the tests start the embedded FerretDB, which is for development and tests',
    readBy: ['every audit writer', 'npm start', 'npm run audit'],
    ...mongoUri,
    defaultText: '(embedded server)',
    secret: true,
  },
  DIRECTORY_MONGODB_URI: {
    meaning:
      'where the reference directory is kept: the gateway and every source read it for authorizations limited to followed persons, the directory subgraph writes it',
    readBy: ['gateway', 'persons', 'employment', 'unemployment', 'directory'],
    ...mongoUri,
    defaultText: '`MONGODB_URI`',
    secret: true,
  },
  AUDIT_MONGODB_URI: {
    meaning: 'where the audit trail is written and read',
    readBy: ['every audit writer'],
    ...mongoUri,
    defaultText: '`MONGODB_URI`',
    secret: true,
  },
  AUDIT_WRITE_CONCERN: {
    meaning: '`journaled` (majority, journaled) or `acknowledged` (w: 1, journaled) for a single embedded server',
    readBy: ['every audit writer'],
    ...oneOf(['journaled', 'acknowledged']),
    default: 'journaled',
  },
  AUDIT_SIGNING_KEY: {
    meaning:
      "the key that signs this writer's audit checkpoints (`npm start` keeps a development one in `.data/audit-keys.json`); never a development key outside development",
    readBy: ['every audit writer'],
    ...privateEd25519Jwk,
    required: true,
    secret: true,
  },
  AUDIT_PUBLIC_KEYS: {
    meaning: 'every key whose checkpoints `npm run audit -- verify` trusts (old ones stay while their checkpoints do)',
    readBy: ['npm run audit'],
    ...publicEd25519Jwks,
    secret: true,
  },
  AUDIT_CHECKPOINT_INTERVAL_MS: {
    meaning:
      "longest a committed audit record waits for a signed checkpoint of its chain's head: what a crash or an intruder could cut off unseen ([decision 0024](docs/decisions/0024-checkpoints-witness-bounded-writes.md))",
    readBy: ['every audit writer'],
    ...wholeNumber({ min: 100, max: 3_600_000, unit: 'milliseconds' }),
    default: 5_000,
  },
  AUDIT_WRITE_TIMEOUT_MS: {
    meaning: 'longest a request waits for its audit record before it fails closed with `AUDIT_UNAVAILABLE`',
    readBy: ['every audit writer'],
    ...wholeNumber({ min: 1, max: 300_000, unit: 'milliseconds' }),
    default: 5_000,
  },
  AUDIT_WITNESS_FILE: {
    meaning:
      'the append-only file, outside the audit database, every writer appends its checkpoints to and `npm run audit -- verify` reads; unset, no witness (then a chain removed whole leaves no trace)',
    readBy: ['every audit writer', 'npm run audit'],
    ...filePath,
    defaultText: '(none; `npm start`: `.data/audit-witness.jsonl`)',
  },
  AUDIT_RETENTION_DAYS: {
    meaning: 'how long `npm run audit -- archive` keeps records and query texts',
    readBy: ['npm run audit'],
    ...wholeNumber({ min: 1, max: 36_500, unit: 'days' }),
    default: 3650,
  },
  AUTHZ_POLICY_DIR: {
    meaning: "the committee's policy set (authorizations, partners, purposes, the citizens' identity provider)",
    readBy: ['every service'],
    ...filePath,
    default: policyDir,
    defaultText: '`authz-policies/`',
  },
  JWKS_DIR: {
    meaning:
      "where the token issuers' key files are read: `keys/capac.jwks.json` in `partners.yaml` is `$JWKS_DIR/capac.jwks.json`. Required outside development for every issuer whose `jwks` is a `file`; never inside the repository",
    readBy: ['gateway'],
    ...filePath,
    defaultText: "(the policy set's `keys/`, development only)",
  },
  JWKS_TIMEOUT_MS: {
    meaning: "longest wait for a partner's or the citizens' provider's JWKS URL",
    readBy: ['gateway'],
    ...wholeNumber({ min: 100, max: 60_000, unit: 'milliseconds' }),
    default: 5_000,
  },
  JWKS_COOLDOWN_MS: {
    meaning: 'least time between two fetches of one JWKS URL, after a success (a token with a new `kid`) or a failure',
    readBy: ['gateway'],
    ...wholeNumber({ min: 100, max: 3_600_000, unit: 'milliseconds' }),
    default: 30_000,
  },
  JWKS_CACHE_MAX_AGE_MS: {
    meaning: 'longest a fetched JWKS is used before it is fetched again (a withdrawn key stops working within this)',
    readBy: ['gateway'],
    ...wholeNumber({ min: 1_000, max: 86_400_000, unit: 'milliseconds' }),
    default: 600_000,
  },
  GATEWAY_SIGNING_KEY: {
    meaning: 'the private key the gateway signs its calls to the subgraphs with (`npm start` makes a new pair at every start)',
    readBy: ['gateway'],
    ...privateEd25519Jwk,
    required: true,
    secret: true,
  },
  GATEWAY_PUBLIC_KEY: {
    meaning: "the gateway's public key, with which every subgraph checks the calls it receives",
    readBy: ['every subgraph'],
    ...publicEd25519Jwk,
    required: true,
    secret: true,
  },
  GATEWAY_PORT: {
    meaning: "the gateway's port",
    readBy: ['gateway', 'npm start'],
    ...port,
    default: 4000,
  },
  PORT: {
    meaning: "a subgraph's port (`npm start` sets it from `PERSONS_PORT`…)",
    readBy: ['every subgraph'],
    ...port,
    defaultText: "the subgraph's own (4001–4006)",
  },
  HOST: {
    meaning: 'the address a service listens on',
    readBy: ['every service'],
    ...text,
    default: '127.0.0.1',
  },
  METRICS_PORT: {
    meaning:
      'where a service serves its Prometheus metrics (`GET /metrics`), apart from its GraphQL port; unset: no metrics endpoint; 0: a free port, logged. `npm start` gives each service one from 9400 and lists them in `.data/prometheus-targets.json` ([docs/operations.md](docs/operations.md))',
    readBy: ['every service'],
    ...port,
    defaultText: '(off)',
  },
  METRICS_HOST: {
    meaning: 'the address the metrics endpoint listens on (a monitoring network, say)',
    readBy: ['every service'],
    ...text,
    defaultText: '`HOST`',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    meaning:
      "OpenTelemetry's own variable: where traces are sent (OTLP over HTTP, e.g. `http://collector:4318`). Tracing is off unless this or `OTEL_TRACES_EXPORTER` is set; every other `OTEL_*` variable of the SDK applies as documented by OpenTelemetry",
    readBy: ['every service'],
    ...httpUrl,
    defaultText: '(tracing off)',
  },
  OTEL_TRACES_EXPORTER: {
    meaning: "OpenTelemetry's own variable: `otlp` or `console` turns tracing on (`none` keeps it off)",
    readBy: ['every service'],
    ...listOf(['otlp', 'console', 'none'] as const),
    defaultText: '(tracing off)',
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    meaning: "OpenTelemetry's own variable: the traces endpoint, when not `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`",
    readBy: ['every service'],
    ...httpUrl,
    defaultText: '(from `OTEL_EXPORTER_OTLP_ENDPOINT`)',
  },
  OTEL_EXPORTER_OTLP_PROTOCOL: {
    meaning: "OpenTelemetry's own variable: `http/protobuf` or `http/json` (gRPC is not built in)",
    readBy: ['every service'],
    ...oneOf(['http/protobuf', 'http/json']),
    default: 'http/protobuf',
  },
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: {
    meaning: "OpenTelemetry's own variable: the protocol for traces, when not `OTEL_EXPORTER_OTLP_PROTOCOL`",
    readBy: ['every service'],
    ...oneOf(['http/protobuf', 'http/json']),
    defaultText: '`OTEL_EXPORTER_OTLP_PROTOCOL`',
  },
  OTEL_SERVICE_NAME: {
    meaning: "OpenTelemetry's own variable: the service name on a process's spans",
    readBy: ['every service'],
    ...text,
    defaultText: '`crossroads-<service>`',
  },
  OTEL_SDK_DISABLED: {
    meaning: "OpenTelemetry's own variable: `true` keeps tracing off whatever else is set",
    readBy: ['every service'],
    ...oneOf(['true', 'false']),
    default: 'false',
  },
  PERSONS_PORT: sourcePort('persons source', 4001),
  EMPLOYMENT_PORT: sourcePort('employment source', 4002),
  UNEMPLOYMENT_PORT: sourcePort('unemployment source', 4003),
  AUTHORIZATIONS_PORT: sourcePort("committee's register (authorizations)", 4004),
  AUDIT_PORT: sourcePort("audit trail's subgraph", 4005),
  DIRECTORY_PORT: sourcePort('reference directory', 4006),
  PERSONS_URL: sourceUrl('persons source', 4001),
  EMPLOYMENT_URL: sourceUrl('employment source', 4002),
  UNEMPLOYMENT_URL: sourceUrl('unemployment source', 4003),
  AUTHORIZATIONS_URL: sourceUrl("committee's register", 4004),
  AUDIT_URL: sourceUrl("audit trail's subgraph", 4005),
  DIRECTORY_URL: sourceUrl('reference directory', 4006),
  GATEWAY_MAX_IN_FLIGHT: {
    meaning:
      'requests in progress at once in one gateway process; beyond it, requests are shed at once with `OVERLOADED` (503) rather than queued ([decision 0016](docs/decisions/0016-operation-limits-and-fair-use.md))',
    readBy: ['gateway'],
    ...wholeNumber({ min: 1, max: 100_000 }),
    default: 64,
  },
  SUBGRAPH_TIMEOUT_MS: {
    meaning: 'longest wait for one source, after which it is reported unavailable',
    readBy: ['gateway'],
    ...wholeNumber({ min: 100, max: 300_000, unit: 'milliseconds' }),
    default: 5_000,
  },
  DIRECTORY_TIMEOUT_MS: {
    meaning:
      'longest wait for the reference directory, whose batch registrations (`followMany`) write tens of thousands of entries in one call',
    readBy: ['gateway'],
    ...wholeNumber({ min: 100, max: 600_000, unit: 'milliseconds' }),
    default: 120_000,
  },
  PERSONS_MAX_BATCH: {
    meaning: 'most SSINs one `persons` call may ask for',
    readBy: ['persons'],
    ...wholeNumber({ min: 1, max: 10_000 }),
    default: 1_000,
  },
  EMPLOYER_CACHE_TTL_MS: {
    meaning: 'how long the employment source keeps an employer (public register data) between requests; 0 turns the cache off',
    readBy: ['employment'],
    ...wholeNumber({ min: 0, max: 86_400_000, unit: 'milliseconds' }),
    default: 60_000,
  },
  EMPLOYER_CACHE_MAX: {
    meaning: 'how many employers the employment source keeps; 0 turns the cache off',
    readBy: ['employment'],
    ...wholeNumber({ min: 0, max: 10_000_000 }),
    default: 50_000,
  },
  PARTNER_TOKEN_CACHE_TTL_MS: {
    meaning:
      'how long the gateway re-uses a verified partner token without checking its signature again (never past its `exp`); 0 turns it off',
    readBy: ['gateway'],
    ...wholeNumber({ min: 0, max: 3_600_000, unit: 'milliseconds' }),
    default: 300_000,
  },
  PARTNER_TOKEN_CACHE_MAX: {
    meaning:
      'how many verified partner tokens the gateway keeps ([decision 0013](docs/decisions/0013-jwt-hot-path.md)); 0 turns the cache off',
    readBy: ['gateway'],
    ...wholeNumber({ min: 0, max: 1_000_000 }),
    default: 10_000,
  },
  FERRETDB_BIN: {
    meaning: 'a FerretDB binary to use instead of building one (embedded server)',
    readBy: ['npm start'],
    ...filePath,
    defaultText: '(built once into `~/.cache`)',
  },
  GOGC: {
    meaning:
      "the embedded FerretDB's garbage-collector target; unset, `400` ([decision 0022](docs/decisions/0022-ferretdb-go-runtime-settings.md))",
    readBy: ['npm start'],
    ...text,
    defaultText: '`400` (embedded server)',
  },
  GOMEMLIMIT: {
    meaning:
      "the embedded FerretDB's soft memory limit; unset, `512MiB` ([decision 0022](docs/decisions/0022-ferretdb-go-runtime-settings.md))",
    readBy: ['npm start'],
    ...text,
    defaultText: '`512MiB` (embedded server)',
  },
  POSTGRES_BIN_DIR: {
    meaning: "PostgreSQL 15's `bin/` directory (embedded server)",
    readBy: ['npm start'],
    ...filePath,
    defaultText: '(found, or installed with apt-get)',
  },
  BENCH_LOG_LEVEL: {
    meaning: "the services' log level during a benchmark",
    readBy: ['npm run bench'],
    ...oneOf(LOG_LEVELS),
    default: 'info',
  },
  BENCH_TIMINGS: {
    meaning: 'set: a benchmark prints how long each step took as it ends',
    readBy: ['npm run bench'],
    ...text,
    defaultText: '(unset)',
  },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's default is checked against its own schema by settings.test.ts
} as const satisfies Record<string, SettingSpec<any>>;

export type SettingName = keyof typeof settings;
type Spec<N extends SettingName> = (typeof settings)[N];
type Parsed<N extends SettingName> = z.output<Spec<N>['schema']>;

/** What reading a setting gives: its value, its default, or undefined when it has neither (and is not required). */
export type SettingValue<N extends SettingName> =
  Spec<N> extends { default: unknown } ? Parsed<N> : Spec<N> extends { required: true } ? Parsed<N> : Parsed<N> | undefined;

export const settingNames = Object.keys(settings) as SettingName[];

/** The settings a process reads, from the registry's `readBy`. */
export function settingsOf(process: ProcessName): SettingName[] {
  return settingNames.filter((name) =>
    (settings[name].readBy as readonly Reader[]).some((reader) => (readers[reader] as readonly string[]).includes(process)),
  );
}
