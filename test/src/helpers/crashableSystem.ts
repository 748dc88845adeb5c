import { freePort } from '@crossroads/db';
import {
  GATEWAY_PUBLIC_KEY_ENV,
  GATEWAY_SIGNING_KEY_ENV,
  auditKeyPairToEnv,
  generateGatewayKeyPair,
  type AuditKeyPair,
} from '@crossroads/shared';
import { startServiceProcess, type LineSink, type ServiceName, type ServiceProcess } from '@crossroads/stack';

/** The processes a crash test kills and restarts: the gateway and the three sources of personal data. */
export const crashableServices = ['persons', 'employment', 'unemployment', 'gateway'] as const;
export type CrashableService = (typeof crashableServices)[number];
/** What such a system may run: those, and the audit trail's reader when asked for. */
type SystemService = CrashableService | 'audit';

export interface CrashableSystemOptions {
  /** The shared database: the sources' data and the audit store. */
  mongoUri: string;
  /** The run's checkpoint key, so that verify, given the run's public key, checks these chains too. */
  auditKeys: AuditKeyPair;
  sink: LineSink;
  env?: NodeJS.ProcessEnv;
  /** More environment for one service (a checkpoint interval of its own, say). */
  envOf?: Partial<Record<SystemService, NodeJS.ProcessEnv>>;
  /** Also run the audit trail's reader, so that the security officer's and the citizens' queries reach this system's store. */
  withAuditReader?: boolean;
}

export interface CrashableSystem {
  gatewayUrl: string;
  /** SIGKILL: no clean shutdown, no last checkpoint; resolves once the process is gone. */
  kill(name: CrashableService): Promise<void>;
  /** SIGTERM to one service: a clean shutdown, which signs its chain's closing checkpoint; resolves once it is gone. */
  stopService(name: CrashableService): Promise<void>;
  /** SIGSTOP: the process stops answering, its connections stay open. */
  pause(name: SystemService): void;
  /** SIGCONT: it goes on with what it received meanwhile. */
  resume(name: SystemService): void;
  /** Starts the service again on its port; resolves once its /health answers. */
  restart(name: CrashableService): Promise<void>;
  /** SIGTERM to what runs: a clean shutdown, which signs each chain's head. */
  stop(): Promise<void>;
}

/**
 * A gateway and three sources of its own, as separate processes on free ports,
 * started as startStack starts them (a fresh gateway key pair, the same
 * environment) but over a database that is already there, so that a test can
 * kill them without touching the shared stack the other suites use.
 */
export async function startCrashableSystem(options: CrashableSystemOptions): Promise<CrashableSystem> {
  const services: SystemService[] = [...crashableServices, ...(options.withAuditReader ? (['audit'] as const) : [])];
  const ports = {} as Record<SystemService, number>;
  for (const name of services) ports[name] = await freePort();
  const url = (name: SystemService) => `http://127.0.0.1:${ports[name]}/graphql`;
  const keys = await generateGatewayKeyPair();
  // No AUTHORIZATIONS_URL: the operations these tests send read only these sources (and the audit reader, when it runs).
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    MONGODB_URI: options.mongoUri,
    PERSONS_URL: url('persons'),
    EMPLOYMENT_URL: url('employment'),
    UNEMPLOYMENT_URL: url('unemployment'),
    ...(options.withAuditReader ? { AUDIT_URL: url('audit') } : {}),
    [GATEWAY_PUBLIC_KEY_ENV]: JSON.stringify(keys.publicJwk),
    ...auditKeyPairToEnv(options.auditKeys),
  };
  const envOf = (name: SystemService): NodeJS.ProcessEnv => ({
    ...env,
    ...(name === 'gateway' ? { [GATEWAY_SIGNING_KEY_ENV]: JSON.stringify(keys.privateJwk) } : {}),
    ...options.envOf?.[name],
  });
  const running = new Map<SystemService, ServiceProcess>();
  const start = (name: SystemService): Promise<void> => {
    const service = startServiceProcess(name as ServiceName, ports[name], envOf(name), options.sink);
    running.set(name, service);
    return service.ready;
  };
  const stop = async () => {
    await Promise.all([...running.values()].map((s) => s.stop()));
  };
  const signal = (name: SystemService, sig: NodeJS.Signals) => void running.get(name)?.child.kill(sig);
  try {
    await Promise.all(services.filter((n) => n !== 'gateway').map(start));
    await start('gateway');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: url('gateway'),
    async kill(name) {
      await running.get(name)?.stop('SIGKILL');
    },
    async stopService(name) {
      await running.get(name)?.stop('SIGTERM');
    },
    pause: (name) => signal(name, 'SIGSTOP'),
    resume: (name) => signal(name, 'SIGCONT'),
    restart: start,
    stop,
  };
}
