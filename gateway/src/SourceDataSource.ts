import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describeError, sourceUnavailable, type Logger } from '@crossroads/shared';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SourceDataSourceOptions {
  name: string;
  url: string;
  /** Longest wait for one subgraph call, after which the source is reported unavailable. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Calls one authentic source. Written against the GraphQLDataSource interface
 * rather than by extending RemoteGraphQLDataSource, whose error path puts the
 * subgraph's URL and raw body into the error a partner would receive.
 *
 * A source that cannot be reached, times out or answers with something other
 * than a GraphQL response becomes one SOURCE_UNAVAILABLE error naming the
 * source: never a host, a port or a stack trace. A GraphQL response is passed
 * on whatever its HTTP status (GraphQL over HTTP answers 400 to a request error,
 * with the errors in the body).
 */
export class SourceDataSource implements GraphQLDataSource {
  constructor(private readonly options: SourceDataSourceOptions) {}

  async process({ request }: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    const { query, variables, operationName } = request;
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables, operationName }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const payload = (await response.json().catch(() => undefined)) as SubgraphResponse | undefined;
      if (!payload || typeof payload !== 'object' || !('data' in payload || 'errors' in payload)) {
        throw new Error(`HTTP ${response.status} without a GraphQL response`);
      }
      return payload;
    } catch (error) {
      this.options.logger.warn({ source: this.options.name, ...describeError(error) }, 'source unavailable');
      throw sourceUnavailable(this.options.name);
    }
  }
}
