import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  CLAIMS_HEADER,
  describeError,
  releaseIdOf,
  sourceCalls,
  sourceUnavailable,
  takeAuditReceipt,
  type GatewaySigner,
  type Logger,
} from '@crossroads/shared';
import { Pool } from 'undici';
import { isTimeout, noteReceipt, noteUndelivered, type SourceCallNotes } from './audit/sourceCallNotes.js';
import type { GatewayContext } from './startGateway.js';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SourceDataSourceOptions {
  name: string;
  url: string;
  /** Longest wait for one subgraph call, after which the source is reported unavailable. */
  timeoutMs: number;
  logger: Logger;
  signer: GatewaySigner;
  /** Benchmark only: send the claims in plain text instead of a signed token (securityLayers.ts). */
  unsealed?: boolean;
}

/**
 * Calls one authentic source. Written against the GraphQLDataSource interface
 * rather than by extending RemoteGraphQLDataSource, whose error path puts the
 * subgraph's URL and raw body into the error a partner would receive.
 *
 * Each call carries a fresh token the gateway signs for this source alone,
 * stating the partner, the purpose, the authorizations that apply and the
 * request id (and, for a citizen, their SSIN). Nothing the partner sent (its
 * token, its headers) is forwarded.
 *
 * A source that cannot be reached, times out, refuses the gateway's token or
 * answers with something other than a GraphQL response becomes one
 * SOURCE_UNAVAILABLE error naming the source: never a host, a port or a stack
 * trace. A GraphQL response is passed on whatever its HTTP status (GraphQL over
 * HTTP answers 400 to a request error, with the errors in the body).
 */
export class SourceDataSource implements GraphQLDataSource<GatewayContext> {
  /**
   * Keep-alive connections to the source through undici's own request API:
   * the global fetch (undici behind WHATWG streams and an AbortSignal per
   * call) cost about a fifth of the gateway's CPU per request (decision 0012).
   */
  private readonly pool: Pool;
  private readonly path: string;

  constructor(private readonly options: SourceDataSourceOptions) {
    const url = new URL(options.url);
    this.pool = new Pool(url.origin, { connections: 128 });
    this.path = `${url.pathname}${url.search}`;
  }

  /** The plan may call this source several times for one request: number the calls, so each release is recorded apart. */
  private nextCall(context: Partial<GatewayContext>): number {
    const calls = (context.sourceCalls ??= new Map());
    const call = (calls.get(this.options.name) ?? 0) + 1;
    calls.set(this.options.name, call);
    return call;
  }

  async process(request: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { query, variables, operationName } = request.request;
    const context = request.context as Partial<GatewayContext> & SourceCallNotes;
    const access = context.access;
    if (!access || !context.requestId) {
      // Only operations that passed the preventive check reach a source.
      this.options.logger.error({ source: this.options.name }, 'subgraph call without a checked request');
      throw sourceUnavailable(this.options.name);
    }
    const source = this.options.name;
    const call = this.nextCall(context);
    const started = performance.now();
    try {
      const claims = {
        partnerId: access.partnerId,
        purpose: access.purpose,
        authorizationIds: access.authorizations.map((a) => a.id),
        requestId: context.requestId,
        // Only for a citizen: the sources build the citizen's access from it, and from nothing else.
        ...(access.citizenSsin !== undefined ? { citizenSsin: access.citizenSsin } : {}),
        call,
      };
      const credentials: Record<string, string> = this.options.unsealed
        ? { [CLAIMS_HEADER]: JSON.stringify(claims) }
        : { authorization: `Bearer ${this.options.signer.sign({ audience: this.options.name, ...claims })}` };
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...credentials,
        },
        body: JSON.stringify({ query, variables, operationName }),
        // A source answers in one piece once it has resolved everything, so the
        // wait for the headers is the wait for the answer; the body timeout only
        // guards a source that stalls mid-body.
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const payload = (await response.body.json().catch(() => undefined)) as SubgraphResponse | undefined;
      if (response.statusCode === 401) throw new Error('the source refused the gateway token');
      if (!payload || typeof payload !== 'object' || !('data' in payload || 'errors' in payload)) {
        throw new Error(`HTTP ${response.statusCode} without a GraphQL response`);
      }
      const receipt = takeAuditReceipt(payload as { extensions?: Record<string, unknown> }, releaseIdOf(context.requestId, source, call));
      if (receipt) noteReceipt(context, receipt);
      // The source could not record its release in time: the whole request fails closed, and a release that lands late was never sent.
      else if (payload.errors?.some((e) => e.extensions?.code === 'AUDIT_UNAVAILABLE'))
        noteUndelivered(context, { source, call, reason: 'audit-unavailable' });
      sourceCalls.observe({ source, outcome: 'ok' }, (performance.now() - started) / 1000);
      return payload;
    } catch (error) {
      sourceCalls.observe({ source, outcome: isTimeout(error) ? 'timeout' : 'unavailable' }, (performance.now() - started) / 1000);
      noteUndelivered(context, { source, call, reason: isTimeout(error) ? 'timeout' : 'failed' });
      this.options.logger.warn({ source: this.options.name, requestId: context.requestId, ...describeError(error) }, 'source unavailable');
      throw sourceUnavailable(this.options.name);
    }
  }
}
