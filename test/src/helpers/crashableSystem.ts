import { freePort } from '@crossroads/db';
import {
  GATEWAY_PUBLIC_KEY_ENV,
  GATEWAY_SIGNING_KEY_ENV,
  auditKeyPairToEnv,
  generateGatewayKeyPair,
  type AuditKeyPair,
} from '@crossroads/shared';
import { startServiceProcess, type LineSink, type ServiceProcess } from '@crossroads/stack';

/** The processes a crash test kills and restarts: the gateway and the three sources of personal data. */
export const crashableServices = ['persons', 'employment', 'unemployment', 'gateway'] as const;
export type CrashableService = (typeof crashableServices)[number];

export interface CrashableSystemOptions {
  /** The shared database: the sources' data and the audit store. */
  mongoUri: string;
  /** The run's checkpoint key, so that verify, given the run's public key, checks these chains too. */
  auditKeys: AuditKeyPair;
  sink: LineSink;
  env?: NodeJS.ProcessEnv;
}

export interface CrashableSystem {
  gatewayUrl: string;
  /** SIGKILL: no clean shutdown, no last checkpoint; resolves once the process is gone. */
  kill(name: CrashableService): Promise<void>;
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
  const ports = {} as Record<CrashableService, number>;
  for (const name of crashableServices) ports[name] = await freePort();
  const url = (name: CrashableService) => `http://127.0.0.1:${ports[name]}/graphql`;
  const keys = await generateGatewayKeyPair();
  // No AUTHORIZATIONS_URL (nor any other source's): the operations a crash test sends read only these three.
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    MONGODB_URI: options.mongoUri,
    PERSONS_URL: url('persons'),
    EMPLOYMENT_URL: url('employment'),
    UNEMPLOYMENT_URL: url('unemployment'),
    [GATEWAY_PUBLIC_KEY_ENV]: JSON.stringify(keys.publicJwk),
    ...auditKeyPairToEnv(options.auditKeys),
  };
  const gatewayEnv = { ...env, [GATEWAY_SIGNING_KEY_ENV]: JSON.stringify(keys.privateJwk) };
  const running = new Map<CrashableService, ServiceProcess>();
  const start = (name: CrashableService): Promise<void> => {
    const service = startServiceProcess(name, ports[name], name === 'gateway' ? gatewayEnv : env, options.sink);
    running.set(name, service);
    return service.ready;
  };
  const stop = async () => {
    await Promise.all([...running.values()].map((s) => s.stop()));
  };
  try {
    await Promise.all(crashableServices.filter((n) => n !== 'gateway').map(start));
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
    restart: start,
    stop,
  };
}
