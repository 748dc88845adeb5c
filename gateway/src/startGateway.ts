import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  describeError,
  processStatus,
  startGraphQLHttpServer,
  toPublicError,
  type AuditTrail,
  type DirectoryReader,
  type Logger,
  type PolicySet,
  type RequestAccess,
  type RunningHttpServer,
} from '@crossroads/shared';
import type { GatewayAccess } from './access/gatewayAccess.js';
import { preventiveCheck } from './access/preventiveCheck.js';
import { createRefusalCounter } from './admission/anonymousRefusals.js';
import { configureRateLimit } from './admission/configureRateLimit.js';
import { createCallerAdmission, type Admitted } from './admission/createCallerAdmission.js';
import { createInFlight } from './admission/inFlight.js';
import { auditRequests, recordRefusal } from './audit/auditRequests.js';
import { configureExplorer } from './explorer/configureExplorer.js';
import { subgraphs, type SubgraphName } from './composeSupergraph.js';
import { SourceDataSource } from './SourceDataSource.js';
import { readSupergraph } from './supergraphFile.js';
import { refusalHttpStatus } from './refusalHttpStatus.js';
import { validateIdentifierInputs } from './validateIdentifierInputs.js';

export interface GatewayOptions {
  port: number;
  host?: string;
  logger: Logger;
  access: GatewayAccess;
  /** Where every request is recorded before its response leaves. */
  audit: AuditTrail;
  /** Where each source listens; defaults are those written in the supergraph. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Longest wait for one subgraph call; default 5,000 ms. */
  subgraphTimeoutMs?: number;
  /** Longest wait for a call to the reference directory, whose batch registrations write tens of thousands of entries; default 120,000 ms. */
  directoryTimeoutMs?: number;
  /** Composed supergraph SDL; default gateway/supergraph.graphql. */
  supergraphSdl?: string;
  /** Requests in progress at once before the gateway sheds load with OVERLOADED; default 64. */
  maxInFlight?: number;
  /** The reference directory, for authorizations limited to followed persons; without it such requests fail closed. */
  directory?: DirectoryReader;
}

/** Who is asking and why, established before anything else runs. */
export interface Caller {
  partnerId: string;
  purpose: string;
  /** The Belgian calendar day of the request. */
  today: string;
  /** The policy set in force when the request arrived; the whole request uses this one. */
  policies: PolicySet;
  /** The end user on whose behalf the partner asks (X-End-User), when given; recorded in the audit trail. Null for a citizen. */
  endUser: string | null;
  /**
   * Set when a citizen authenticated as themselves (a citizen token): their
   * SSIN. Then partnerId is `citizen` and purpose CITIZEN_ACCESS_LOG.
   */
  citizenSsin?: string;
}

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  /** Set by the preventive check: the authorizations that cover this request. */
  access?: RequestAccess;
  /**
   * Every SSIN the request names in its arguments and variables, as 11 digits
   * (set by validateIdentifierInputs): recorded whatever the answer, so a lookup
   * that releases nothing is on record too.
   */
  namedSsins?: Set<string>;
  /** Calls made so far to each source for this request: the n-th call's release is recorded as the n-th (GatewayTokenClaims.call). */
  sourceCalls?: Map<string, number>;
}

/**
 * The single endpoint partners call (and citizens, for their own access
 * log). It authenticates the caller and its declared purpose, checks the
 * operation against the committee's authorizations before planning it, plans
 * over the supergraph composed at build time, and calls each source with a
 * token it signs for that source.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpServer> {
  const { logger, access } = options;
  const timeoutMs = options.subgraphTimeoutMs ?? 5_000;
  const defaultUrls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as Record<SubgraphName, string>;
  const urls = { ...defaultUrls, ...options.subgraphUrls };
  const apolloLogger = {
    debug: () => {},
    info: (m: string) => logger.info(m),
    warn: (m: string) => logger.warn(m),
    error: (m: string) => logger.error(m),
  };
  // @apollo/gateway otherwise sends usage metrics to Apollo and, to label them,
  // probes cloud metadata endpoints (169.254.169.254 and the like). A public
  // hub never phones home; set before the gateway is constructed, which reads it.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
    buildService: ({ name }) =>
      new SourceDataSource({
        name,
        url: urls[name as SubgraphName],
        timeoutMs: name === 'directory' ? (options.directoryTimeoutMs ?? 120_000) : timeoutMs,
        logger,
        signer: access.signer,
        unsealed: access.disabled.has('sealing'),
      }),
    logger: apolloLogger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    introspection: access.development,
    hideSchemaDetailsFromClientErrors: !access.development,
    // One partner's document must never be answered from a cache another partner filled (decision 0015).
    persistedQueries: false,
    // A document that breaks many rules gets a few errors, not one per repetition.
    validationOptions: { maxErrors: 5 },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        // The request id, for the partner to quote and for tracing a request through the sources' logs.
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set('x-request-id', contextValue.requestId);
            },
          };
        },
      },
      ...(access.disabled.has('audit') ? [] : [auditRequests(options.audit, logger)]), // off: benchmark only
      // Identifiers first: a malformed one is BAD_USER_INPUT whatever else is wrong, and every SSIN is noted for the record.
      validateIdentifierInputs(),
      preventiveCheck(access, options.directory ?? null),
      refusalHttpStatus(),
    ],
    formatError: (formatted, error) =>
      toPublicError(formatted, error, () => {
        logger.error(describeError(error), 'request failed');
        return { message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }),
    logger: apolloLogger,
  });

  const anonymous = createRefusalCounter(logger);
  const record = recordRefusal(options.audit);
  const admission = createCallerAdmission({
    access,
    inFlight: createInFlight(),
    maxInFlight: options.maxInFlight ?? 64,
    anonymous,
    record: async (refusal, caller, details) => {
      if (!access.disabled.has('audit')) await record(refusal, caller, details);
    },
  });

  const server = await startGraphQLHttpServer<GatewayContext, Admitted>({
    apollo,
    admission,
    configure: configureRateLimit,
    ...(access.development ? { routes: configureExplorer } : {}),
    context: async (_req, admitted, requestId) => ({ requestId, caller: admitted.caller }),
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    logger,
    status: () => processStatus(access.policies),
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      anonymous.stop();
    },
  };
}
