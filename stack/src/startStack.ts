import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedServer, type EmbeddedServer } from '@crossroads/db';
import {
  AUDIT_WITNESS_FILE_ENV,
  GATEWAY_PUBLIC_KEY_ENV,
  GATEWAY_SIGNING_KEY_ENV,
  auditKeyPairToEnv,
  generateAuditKeyPair,
  generateGatewayKeyPair,
  type AuditKeyPair,
} from '@crossroads/shared';
import { prepareDatabase } from './prepareDatabase.js';
import { startServiceProcess, type LineSink, type ServiceProcess } from './serviceProcess.js';
import { serviceNames, type ServiceName } from './services.js';

export interface StackOptions {
  /** An existing MongoDB; when absent, the embedded PostgreSQL + FerretDB is started. */
  mongoUri?: string;
  /** Data directory of the embedded server; absent: a throw-away one. */
  dataDir?: string;
  /** Persons to seed into an empty database; default 10,000. */
  persons?: number;
  seed?: number;
  /** Port per service; 0 or absent picks a free one. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Extra environment for every service process. */
  env?: NodeJS.ProcessEnv;
  /** The key that signs the audit chains' checkpoints; default a new one (checkpoints then verify only with it). */
  auditKeys?: AuditKeyPair;
  /**
   * The audit witness every writer appends its checkpoints to (AUDIT_WITNESS_FILE): default the one in the
   * environment, else `<dataDir>/audit-witness.jsonl`, else one in a fresh temporary directory, removed on stop.
   */
  witnessFile?: string;
  sink: LineSink;
  onProgress?: (message: string) => void;
}

export interface RunningStack {
  gatewayUrl: string;
  mongoUri: string;
  /** Set when the stack runs the embedded server. */
  postgresUrl?: string;
  urls: Record<ServiceName, string>;
  services: Record<ServiceName, ServiceProcess>;
  /** The audit witness file the services write (AUDIT_WITNESS_FILE), for `npm run audit -- verify`. */
  witnessFile: string;
  /** Restarts a stopped service on its port (for failure tests). */
  restart(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system: the database (unless one is given), seeded when
 * empty, then the sources (the audit trail's reader among them) and the
 * gateway as separate processes on loopback, as in production. Used by `npm start`, the end-to-end tests and the
 * benchmarks, so that all three run the same thing.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  let embedded: EmbeddedServer | undefined;
  const services = {} as Record<ServiceName, ServiceProcess>;
  const chosen = options.witnessFile ?? options.env?.[AUDIT_WITNESS_FILE_ENV] ?? process.env[AUDIT_WITNESS_FILE_ENV];
  const witnessDir = chosen || options.dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-witness-'));
  const witnessFile = path.resolve(
    chosen || (options.dataDir ? path.join(options.dataDir, 'audit-witness.jsonl') : path.join(witnessDir!, 'audit-witness.jsonl')),
  );
  const stopAll = async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await embedded?.stop();
    if (witnessDir) fs.rmSync(witnessDir, { recursive: true, force: true });
  };
  try {
    let mongoUri = options.mongoUri;
    if (!mongoUri) {
      options.onProgress?.('starting the embedded database (PostgreSQL 15 + FerretDB)…');
      embedded = await startEmbeddedServer(options.dataDir ? { dataDir: options.dataDir } : {});
      mongoUri = embedded.mongoUri;
    }
    await prepareDatabase({
      mongoUri,
      ...(embedded ? { postgresUrl: embedded.postgresUrl } : {}),
      persons: options.persons ?? 10_000,
      seed: options.seed ?? 1,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });

    const ports = {} as Record<ServiceName, number>;
    for (const name of serviceNames) ports[name] = options.ports?.[name] || (await freePort());
    const urls = Object.fromEntries(serviceNames.map((n) => [n, `http://127.0.0.1:${ports[n]}/graphql`])) as Record<ServiceName, string>;
    // A fresh key pair per start: the gateway signs its calls to the sources with
    // the private key, which no other process receives; the sources get the public one.
    const keys = await generateGatewayKeyPair();
    const env: NodeJS.ProcessEnv = {
      ...options.env,
      MONGODB_URI: mongoUri,
      PERSONS_URL: urls.persons,
      EMPLOYMENT_URL: urls.employment,
      UNEMPLOYMENT_URL: urls.unemployment,
      AUTHORIZATIONS_URL: urls.authorizations,
      AUDIT_URL: urls.audit,
      DIRECTORY_URL: urls.directory,
      [GATEWAY_PUBLIC_KEY_ENV]: JSON.stringify(keys.publicJwk),
      ...auditKeyPairToEnv(options.auditKeys ?? generateAuditKeyPair()),
      // Every writer appends its checkpoints to the same witness, outside the database.
      [AUDIT_WITNESS_FILE_ENV]: witnessFile,
    };
    const gatewayEnv = { ...env, [GATEWAY_SIGNING_KEY_ENV]: JSON.stringify(keys.privateJwk) };
    const start = (name: ServiceName) =>
      (services[name] = startServiceProcess(name, ports[name], name === 'gateway' ? gatewayEnv : env, options.sink));
    options.onProgress?.('starting the sources and the gateway…');
    for (const name of serviceNames.filter((n) => n !== 'gateway')) start(name);
    await Promise.all(Object.values(services).map((s) => s.ready));
    await start('gateway').ready;

    return {
      gatewayUrl: urls.gateway,
      mongoUri,
      ...(embedded ? { postgresUrl: embedded.postgresUrl } : {}),
      urls,
      services,
      witnessFile,
      async restart(name) {
        await services[name].stop();
        await start(name).ready;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
