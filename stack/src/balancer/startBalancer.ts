import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { installDebianPackage } from '@crossroads/db';
import { haproxyConfig, type BalancerConfig } from './haproxyConfig.js';

const CANDIDATES = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy'];

/** HAProxy's binary: found, or installed from Debian's packages (as root), like the embedded database's PostgreSQL. */
export function ensureHaproxy(say: (message: string) => void = () => {}): string {
  const found = () => CANDIDATES.find((file) => fs.existsSync(file));
  const existing = found();
  if (existing) return existing;
  say('installing HAProxy from Debian (apt-get install haproxy)…');
  installDebianPackage('haproxy', { missing: 'HAProxy is not installed (replicas run behind it)', output: 'ignore' });
  const installed = found();
  if (!installed) throw new Error('HAProxy was installed but its binary is not in /usr/sbin.');
  return installed;
}

export interface RunningBalancer {
  configFile: string;
  /** HAProxy's statistics page, when the configuration has a stats port. */
  statsUrl?: string;
  child: ChildProcess;
  /** Each replica's state as the balancer sees it (`UP`, `DOWN`, …), by `<service>/<replica>`; needs a stats port. */
  replicaStates(): Promise<Record<string, string>>;
  /** Resolves once every replica of `services` is UP. */
  waitUntilUp(services: readonly string[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts HAProxy in the foreground with a configuration written for this run, and waits until each frontend listens. */
export async function startBalancer(
  config: BalancerConfig,
  options: { sink?: (line: string) => void; say?: (message: string) => void; timeoutMs?: number } = {},
): Promise<RunningBalancer> {
  const binary = ensureHaproxy(options.say);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-haproxy-'));
  const configFile = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(configFile, haproxyConfig(config));
  const check = spawnSync(binary, ['-c', '-q', '-f', configFile], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration:\n${check.stderr}`);
  const child = spawn(binary, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', (l) => options.sink?.(l));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (const service of config.services) {
    for (;;) {
      if (child.exitCode !== null) {
        await stop();
        throw new Error('HAProxy exited at start');
      }
      // Listening: any answer will do (a frontend whose replicas are not started yet answers 503).
      const ok = await fetch(`http://${config.host}:${service.port}/health/live`, { signal: AbortSignal.timeout(2_000) }).then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the balancer's ${service.name} frontend did not answer ready in time`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const statsUrl = config.statsPort === undefined ? undefined : `http://${config.host}:${config.statsPort}/`;
  const replicaStates = async (): Promise<Record<string, string>> => {
    if (!statsUrl) throw new Error('the balancer has no stats port');
    const csv = await fetch(`${statsUrl};csv`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text());
    const states: Record<string, string> = {};
    for (const row of csv.split('\n').slice(1)) {
      const [proxy, server, ...fields] = row.split(',');
      if (!proxy || !server || server === 'FRONTEND' || server === 'BACKEND' || !proxy.endsWith('_replicas')) continue;
      // Column 18 of HAProxy's CSV is `status`.
      states[`${proxy.replace(/_replicas$/, '')}/${server}`] = fields[15] ?? '';
    }
    return states;
  };
  return {
    configFile,
    ...(statsUrl ? { statsUrl } : {}),
    child,
    replicaStates,
    async waitUntilUp(services, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await replicaStates().catch(() => ({}) as Record<string, string>);
        const ours = Object.entries(states).filter(([key]) => services.includes(key.split('/')[0]!));
        if (ours.length > 0 && ours.every(([, state]) => state === 'UP')) return;
        if (Date.now() > deadline) throw new Error(`the balancer did not see every replica up: ${JSON.stringify(states)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    stop,
  };
}
