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
import { startBalancer, type RunningBalancer } from './balancer/startBalancer.js';
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
  /** Run the compiled output (`npm run build`) with node, as production does; default: the sources through tsx. */
  compiled?: boolean;
  /**
   * Copies of every service; above 1, each service's replicas run on ports of their own behind HAProxy, which
   * listens on the service's port (`ports`) and balances over the replicas that are ready (decision 0031).
   */
  replicas?: number;
  /**
   * The metrics port (METRICS_PORT) of each service's first replica, replica n adding 10 × (n − 1); 0 picks free
   * ports. Absent: no metrics endpoints.
   */
  metricsPorts?: Partial<Record<ServiceName, number>>;
  sink: LineSink;
  onProgress?: (message: string) => void;
}

export interface RunningStack {
  gatewayUrl: string;
  mongoUri: string;
  /** Set when the stack runs the embedded server. */
  postgresUrl?: string;
  urls: Record<ServiceName, string>;
  /** The first replica of each service. */
  services: Record<ServiceName, ServiceProcess>;
  /** Every replica of each service. */
  replicas: Record<ServiceName, ServiceProcess[]>;
  /** The balancer in front of the replicas, when there is more than one of each. */
  balancer?: RunningBalancer;
  /** The audit witness file the services write (AUDIT_WITNESS_FILE), for `npm run audit -- verify`. */
  witnessFile: string;
  /** Restarts a stopped service (its first replica, or `replica`) on its port (for failure tests). */
  restart(name: ServiceName, replica?: number): Promise<void>;
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
  let balancer: RunningBalancer | undefined;
  const replicaCount = options.replicas ?? 1;
  if (!Number.isInteger(replicaCount) || replicaCount < 1) throw new Error('replicas must be a whole number, at least 1.');
  const replicas = Object.fromEntries(serviceNames.map((n) => [n, [] as ServiceProcess[]])) as Record<ServiceName, ServiceProcess[]>;
  const chosen = options.witnessFile ?? options.env?.[AUDIT_WITNESS_FILE_ENV] ?? process.env[AUDIT_WITNESS_FILE_ENV];
  const witnessDir = chosen || options.dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-witness-'));
  const witnessFile = path.resolve(
    chosen || (options.dataDir ? path.join(options.dataDir, 'audit-witness.jsonl') : path.join(witnessDir!, 'audit-witness.jsonl')),
  );
  const stopAll = async () => {
    // The gateways first, so that no request reaches a source that is already gone; the balancer last.
    await Promise.all(replicas.gateway.map((s) => s.stop()));
    await Promise.all(serviceNames.flatMap((n) => replicas[n]).map((s) => s.stop()));
    await balancer?.stop();
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

    // The port each service is reached at (the balancer's, with replicas), and each replica's own.
    // The kernel may hand the same free port out twice in a row: every port of the run is distinct.
    const taken = new Set<number>();
    const distinctPort = async (): Promise<number> => {
      for (;;) {
        const port = await freePort();
        if (!taken.has(port)) return (taken.add(port), port);
      }
    };
    const ports = {} as Record<ServiceName, number>;
    for (const name of serviceNames) {
      ports[name] = options.ports?.[name] || (await distinctPort());
      taken.add(ports[name]);
    }
    const replicaPorts = {} as Record<ServiceName, number[]>;
    const metricsPorts = {} as Record<ServiceName, (number | undefined)[]>;
    for (const name of serviceNames) {
      replicaPorts[name] = [];
      metricsPorts[name] = [];
      for (let r = 1; r <= replicaCount; r++) {
        replicaPorts[name].push(replicaCount === 1 ? ports[name] : await distinctPort());
        const base = options.metricsPorts?.[name];
        metricsPorts[name].push(base === undefined ? undefined : base === 0 ? await distinctPort() : base + 10 * (r - 1));
      }
    }
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
    const start = (name: ServiceName, replica: number) => {
      const metricsPort = metricsPorts[name][replica - 1];
      const started = startServiceProcess(
        name,
        replicaPorts[name][replica - 1]!,
        name === 'gateway' ? gatewayEnv : env,
        options.sink,
        180_000,
        {
          compiled: options.compiled ?? false,
          replica,
          ...(metricsPort !== undefined ? { metricsPort } : {}),
        },
      );
      replicas[name][replica - 1] = started;
      return started;
    };
    const startAll = (names: readonly ServiceName[]) =>
      Promise.all(names.flatMap((name) => Array.from({ length: replicaCount }, (_, i) => start(name, i + 1).ready)));
    const sources = serviceNames.filter((n) => n !== 'gateway');
    options.onProgress?.(
      replicaCount > 1
        ? `starting ${replicaCount} replicas of each source and of the gateway, behind HAProxy…`
        : 'starting the sources and the gateway…',
    );
    if (replicaCount > 1) {
      // The balancer first: the gateways reach the sources through it.
      await startAll(sources);
      balancer = await startBalancer(
        {
          host: '127.0.0.1',
          statsPort: await distinctPort(),
          services: serviceNames.map((name) => ({
            name,
            port: ports[name],
            replicas: replicaPorts[name].map((port, i) => ({ name: `${name}${i + 1}`, port })),
            retry: name === 'gateway' ? 'connection' : 'idempotent-call',
          })),
        },
        { ...(options.onProgress ? { say: options.onProgress } : {}), sink: (line) => options.sink('gateway', `[haproxy] ${line}`) },
      );
      await startAll(['gateway']);
      // Every copy in service before the stack is handed over: traffic spreads from the first request.
      await balancer.waitUntilUp(serviceNames);
    } else {
      await startAll(sources);
      await startAll(['gateway']);
    }

    const services = Object.fromEntries(serviceNames.map((n) => [n, replicas[n][0]!])) as Record<ServiceName, ServiceProcess>;
    return {
      gatewayUrl: urls.gateway,
      mongoUri,
      ...(embedded ? { postgresUrl: embedded.postgresUrl } : {}),
      urls,
      services,
      replicas,
      ...(balancer ? { balancer } : {}),
      witnessFile,
      async restart(name, replica = 1) {
        await replicas[name][replica - 1]!.stop();
        const started = start(name, replica);
        if (replica === 1) services[name] = started;
        await started.ready;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
