import { createGatewayAccess, startGateway } from '@crossroads/gateway';
import {
  createAuditTrail,
  createDirectoryReader,
  createGatewayTokenVerifier,
  createLogger,
  createPolicyStore,
  generateGatewayKeyPair,
  policyDir,
  readApiSchema,
  type AuditTrail,
  type RunningHttpServer,
  type ServerKind,
} from '@crossroads/shared';
import { employmentSubgraph } from '@crossroads/subgraph-employment';
import { personsSubgraph } from '@crossroads/subgraph-persons';
import { unemploymentSubgraph } from '@crossroads/subgraph-unemployment';
import type { MongoClient } from 'mongodb';

export interface InProcessOptions {
  /** The sources' database client (monitored, say). */
  client: MongoClient;
  /** Forces the batch strategy: `$in` for MongoDB, concurrent point reads for FerretDB. */
  serverKind: ServerKind;
  /** The audit trails; default: on the sources' client. */
  audit?: { gateway?: AuditTrail; sources?: AuditTrail };
  /** The gateway's policy directory (default authz-policies/), load-shedding bound (default 64), development mode (default off). */
  gateway?: { policyDir?: string; maxInFlight?: number; development?: boolean };
}

/**
 * The three sources and the gateway in this process, on free ports: for tests
 * that must see inside (the driver's commands) or control a dependency (an
 * audit store that stops answering) — what separate processes would hide.
 */
export async function startInProcessSystem(options: InProcessOptions) {
  const { client, serverKind } = options;
  const logger = createLogger('in-process-test');
  logger.level = 'silent';
  const keys = await generateGatewayKeyPair();
  const policies = createPolicyStore({ dir: policyDir, schema: readApiSchema(), logger });
  const servers: RunningHttpServer[] = [];
  const directory = createDirectoryReader(client, serverKind);
  for (const subgraph of [personsSubgraph, employmentSubgraph, unemploymentSubgraph]) {
    const verifier = createGatewayTokenVerifier({ publicJwk: keys.publicJwk, subgraph: subgraph.name });
    servers.push(
      await subgraph.start({
        mongo: { client, serverKind },
        access: { verifier, policies, development: false },
        audit: options.audit?.sources ?? createAuditTrail({ client, service: `test-${subgraph.name}` }),
        directory,
        logger,
        port: 0,
      }),
    );
  }
  const [persons, employment, unemployment] = servers.map((s) => s.url) as [string, string, string];
  const gateway = await startGateway({
    port: 0,
    logger,
    access: createGatewayAccess({
      signingKey: keys.privateJwk,
      logger,
      ...(options.gateway?.policyDir ? { policyDir: options.gateway.policyDir } : {}),
      ...(options.gateway?.development ? { development: true } : {}),
    }),
    ...(options.gateway?.maxInFlight !== undefined ? { maxInFlight: options.gateway.maxInFlight } : {}),
    audit: options.audit?.gateway ?? createAuditTrail({ client, service: 'test-gateway' }),
    subgraphUrls: { persons, employment, unemployment },
    subgraphTimeoutMs: 30_000,
    directory,
  });
  return {
    gateway,
    async stop() {
      await gateway.stop();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
