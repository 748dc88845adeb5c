export interface GraphQLResponse {
  status: number;
  /** The gateway's request id (x-request-id), to find the request in the services' logs. */
  requestId: string | null;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

/** POSTs a GraphQL operation as a partner's HTTP client would. */
export async function graphqlRequest(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    body: (await response.json()) as GraphQLResponse['body'],
  };
}
