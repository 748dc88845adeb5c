import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { requestAccess } from '../access/requestGrants.js';
import { checkReferenceKeys } from '../scalars/checkReferenceKeys.js';
import { createShieldMiddleware, keyFields, type AccessContext } from '../access/shieldMiddleware.js';
import { followedScopeFor, followedScopeMiddleware } from '../access/followedScope.js';
import type { DirectoryReader } from '../directory/createDirectoryReader.js';
import type { AuditTrail } from '../audit/auditTrail.js';
import { errorCodesOf, failClosed } from '../audit/failClosed.js';
import { AUDIT_RECEIPT_EXTENSION } from '../audit/receiptExtension.js';
import { releaseCollector, type ReleaseContext } from '../audit/releaseCollector.js';
import { todayInBelgium } from '../dates.js';
import { startGraphQLHttpServer, type RunningHttpServer } from '../http/startGraphQLHttpServer.js';
import { describeError, type Logger } from '../logger.js';
import { toPublicError } from '../publicError.js';
import type { SubgraphAccess } from './subgraphAccess.js';
import { processStatus } from '../access/processStatus.js';
import { CLAIMS_HEADER } from '../access/securityLayers.js';
import { isConsistentCitizenClaim } from '../auth/citizenClaim.js';
import { unauthenticated } from '../auth/unauthenticated.js';
import { requestScope } from '../telemetry/requestContext.js';
import type { GatewayTokenClaims } from '../auth/createGatewaySigner.js';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** The authentic source's name, as the supergraph knows it (`persons`, …). */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext & AccessContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  access: SubgraphAccess;
  /**
   * Where this source records what it releases; null only for a subgraph that
   * serves no personal data (the committee's register).
   */
  audit: AuditTrail | null;
  /**
   * The reference directory, asked when an authorization of the call is limited
   * to followed persons; null (a subgraph that serves no person) fails such a
   * call closed if it ever reads one.
   */
  directory?: DirectoryReader | null;
  logger: Logger;
  port: number;
  host?: string;
  health?: () => Promise<boolean>;
}

/**
 * Starts one authentic source as a federation subgraph over HTTP, sealed: it
 * answers only calls that carry a token the gateway signed for it, and its
 * graphql-shield rules, compiled from the committee's policies, let through
 * only the fields the token's authorizations grant (the second line of defence
 * behind the gateway's check).
 *
 * Errors that are not ours to explain (a database that stopped answering, a
 * bug) leave the process as SOURCE_UNAVAILABLE naming the source, and are
 * logged without the request's variables.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { name, logger, access } = options;
  // Entity keys are parsed by our scalars too: `_entities` representations are `_Any`, which nothing else parses.
  const resolvers = checkReferenceKeys(options.typeDefs, options.resolvers as GraphQLResolverMap<unknown>);
  const subgraphSchema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers }]);
  // applyMiddleware, not applyMiddlewareToDeclaredResolvers: the latter skips
  // fields without a resolver of their own, which would then go out unchecked.
  const disabled = access.disabled ?? new Set();
  const keys = keyFields(options.typeDefs);
  // Shield outside, then the followed scope, the release collector inside: a refused field is never noted as released.
  const middlewares = [
    ...(disabled.has('shield') ? [] : [createShieldMiddleware(subgraphSchema, options.typeDefs)]),
    ...(disabled.has('followed-scope') ? [] : [followedScopeMiddleware(keys)]),
    releaseCollector(keys),
  ];
  const schema = applyMiddleware(subgraphSchema, ...middlewares);
  const apollo = new ApolloServer<TContext & AccessContext & ReleaseContext & { requestId: string; call: number }>({
    schema,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: !access.development,
    introspection: access.development,
    // Federated traces would send resolver timings to the gateway on every call; we have no use for them.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // Cache hints would need a hook on every field resolved (about a tenth of a subgraph's
      // CPU on a 1,000-person call, and the promises it allocates), for answers that must never
      // be cached anyway: each says `no-store` below.
      ApolloServerPluginCacheControlDisabled(),
      {
        // One line per call, by request id: enough to trace a call to the gateway's
        // request, and nothing about whom it concerned (that is the audit trail's job).
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              response.http.headers.set('cache-control', 'no-store');
              const release = contextValue.release;
              const callAccess = contextValue.access;
              if (release && release.ssins.size > 0 && callAccess && !disabled.has('audit')) {
                if (!options.audit) {
                  logger.error('personal data resolved by a subgraph without an audit trail; nothing released');
                  failClosed(response);
                } else {
                  try {
                    const receipt = await options.audit.writer.append({
                      kind: 'release',
                      requestId: contextValue.requestId,
                      partnerId: callAccess.partnerId,
                      purpose: callAccess.purpose,
                      authorizationIds: callAccess.authorizations.map((a) => a.id),
                      partnerDay: `${callAccess.partnerId}|${callAccess.today}`,
                      source: name,
                      ssins: [...release.ssins].sort(),
                      fields: [...release.fields].sort(),
                      ...(contextValue.call > 1 ? { call: contextValue.call } : {}),
                    });
                    // The receipt goes back to the gateway, which lists it in its record of the request.
                    if (response.body.kind === 'single') {
                      const result = response.body.singleResult;
                      result.extensions = { ...result.extensions, [AUDIT_RECEIPT_EXTENSION]: receipt };
                    }
                  } catch (error) {
                    logger.error(
                      { requestId: contextValue.requestId, ...describeError(error) },
                      'audit record not written; nothing released',
                    );
                    failClosed(response);
                  }
                }
              }
              logger.info({ requestId: contextValue.requestId, errors: errorCodesOf(response).length }, 'call served');
            },
          };
        },
      },
    ],
    formatError: (formatted, error) =>
      toPublicError(formatted, error, () => {
        logger.error({ ...describeError(error), path: formatted.path }, 'request failed');
        return {
          message: `The ${name} source failed to answer.`,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: { code: 'SOURCE_UNAVAILABLE', source: name },
        };
      }),
    logger: {
      debug: () => {},
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  return startGraphQLHttpServer({
    apollo,
    context: async (req) => {
      // Nothing runs for a caller that is not the gateway: not even _service or _entities.
      const claims = disabled.has('sealing') ? benchmarkClaims(req) : await access.verifier.verify(req.headers.authorization);
      // From here on, this call's log lines carry the gateway's request id, as its audit records do.
      const scope = requestScope.getStore();
      if (scope) scope.requestId = claims.requestId;
      const today = todayInBelgium();
      const onlyIds = claims.authorizationIds;
      // A citizen's access comes from the SSIN the gateway vouched for, never from a partner's authorizations.
      const requestAccessOfCall = requestAccess(
        access.policies.current(),
        claims.citizenSsin !== undefined
          ? { citizenSsin: claims.citizenSsin, today, onlyIds }
          : { partnerId: claims.partnerId, purpose: claims.purpose, today, onlyIds },
      );
      return {
        ...(await options.context(req)),
        access: requestAccessOfCall,
        requestId: claims.requestId,
        call: claims.call ?? 1,
        release: { ssins: new Set<string>(), fields: new Set<string>() },
        followedScope: disabled.has('followed-scope') ? null : followedScopeFor(requestAccessOfCall, options.directory ?? null),
      };
    },
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    logger,
    ...(options.health ? { health: options.health } : {}),
    status: () => processStatus(access.policies),
  });
}

/** Benchmark mode with sealing off: the claims in a plain header (see securityLayers.ts), held to the same citizen rule as a token. */
function benchmarkClaims(req: IncomingMessage): GatewayTokenClaims {
  const header = req.headers[CLAIMS_HEADER];
  try {
    const claims = JSON.parse(typeof header === 'string' ? header : '') as GatewayTokenClaims;
    if (
      typeof claims.partnerId === 'string' &&
      typeof claims.purpose === 'string' &&
      Array.isArray(claims.authorizationIds) &&
      isConsistentCitizenClaim(claims)
    ) {
      return { ...claims, requestId: typeof claims.requestId === 'string' ? claims.requestId : 'benchmark' };
    }
  } catch {
    // fall through
  }
  throw unauthenticated('TOKEN_MISSING', `Sealing is off (benchmark): send the request's claims in ${CLAIMS_HEADER}.`);
}
