/** One service behind the balancer: where partners (or the gateway) reach it, and its replicas. */
export interface BalancedService {
  name: string;
  /** The port the balancer listens on for this service. */
  port: number;
  replicas: { name: string; port: number }[];
  /**
   * What the balancer may send again to another replica. `connection`: only a request that never reached a
   * replica (the connection was refused or failed), always safe. `idempotent-call`: also one a replica dropped
   * without answering or answered 503 while closing — for the sources, whose calls the gateway may repeat: a
   * source's release record is keyed by request, source and call, so a repeated call is recorded once.
   */
  retry: 'connection' | 'idempotent-call';
}

export interface BalancerConfig {
  host: string;
  services: BalancedService[];
  /** How often a replica's readiness is checked; default 1 s (500 ms while it is failing). */
  checkIntervalMs?: number;
  /** Where HAProxy's statistics page answers (`/;csv`: each replica UP or DOWN); absent, none. */
  statsPort?: number;
}

/**
 * The HAProxy configuration of a local replicated stack (decision 0031): a frontend per service, its replicas in
 * a backend, least-connections balancing, health checks against `GET /health/ready` (a replica that is not ready —
 * its database, the audit store or its policy set missing — gets no traffic), and retries on another replica where
 * they are safe. Requests are buffered so that a retried request can be sent again whole.
 */
export function haproxyConfig(config: BalancerConfig): string {
  const inter = config.checkIntervalMs ?? 1_000;
  const lines = [
    '# Written by stack/src/balancer/haproxyConfig.ts for this run; not a production configuration (docs/operations.md).',
    'global',
    '  maxconn 8192',
    // A 1,000-SSIN call to a source is about 30 KiB: the whole request must fit a buffer to be retried.
    '  tune.bufsize 131072',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 65s',
    '  timeout server 65s',
    '  timeout http-keep-alive 10s',
    '  timeout queue 5s',
    '  option http-keep-alive',
    '  option redispatch 1',
    '  retries 2',
    // A replica is out after three failed checks in a row (a refused connection fails at once: about 1.5 s for a
    // dead one), and a check may take 5 s: a replica slow under load is not taken for dead, which would leave the
    // others the whole load, or none to send it to.
    '  timeout check 5s',
    `  default-server inter ${inter}ms fastinter ${Math.max(100, Math.round(inter / 2))}ms downinter ${inter}ms rise 1 fall 3`,
    '',
  ];
  if (config.statsPort !== undefined) {
    lines.push('frontend stats', `  bind ${config.host}:${config.statsPort}`, '  stats enable', '  stats uri /', '  stats refresh 5s', '');
  }
  for (const service of config.services) {
    lines.push(
      `frontend ${service.name}`,
      `  bind ${config.host}:${service.port}`,
      `  default_backend ${service.name}_replicas`,
      '',
      `backend ${service.name}_replicas`,
      '  balance leastconn',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      '  option http-buffer-request',
      service.retry === 'idempotent-call' ? '  retry-on conn-failure empty-response 503' : '  retry-on conn-failure',
      ...service.replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port} check`),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
