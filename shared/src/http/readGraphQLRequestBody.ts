import { HttpRefusal } from './HttpRefusal.js';

/** A GraphQL-over-HTTP request body, its shape checked. */
export interface GraphQLRequestBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown>;
}

const badRequest = (reason: string, message: string) =>
  new HttpRefusal({ status: 400, code: 'BAD_REQUEST', message, extensions: { reason } });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that a parsed JSON body is one GraphQL request: an object (an array
 * would be a batch, which is not supported: it would multiply what one request
 * can cost), with the document as a string. A persisted-query hash in place of
 * the document is refused: automatic persisted queries are off, since their
 * cache would be shared by all partners.
 */
export function readGraphQLRequestBody(body: unknown): GraphQLRequestBody {
  if (body === undefined || body === null) {
    throw badRequest('BODY_NOT_JSON', 'Send the operation as a JSON object in the body, with Content-Type: application/json.');
  }
  if (!isObject(body)) {
    throw badRequest(
      Array.isArray(body) ? 'BODY_NOT_AN_OBJECT' : 'BODY_NOT_JSON',
      Array.isArray(body)
        ? 'The body is a JSON array: batched operations are not supported. Send one operation per request.'
        : 'The body must be a JSON object with a "query" string.',
    );
  }
  const { query, operationName, variables, extensions } = body;
  if (isObject(extensions) && extensions.persistedQuery !== undefined) {
    throw new HttpRefusal({
      status: 400,
      code: 'PERSISTED_QUERY_NOT_SUPPORTED',
      message: 'Persisted queries are not supported: send the whole document in "query".',
    });
  }
  if (typeof query !== 'string' || query.trim() === '') throw badRequest('QUERY_MISSING', 'The body must have a non-empty "query" string.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequest('BODY_NOT_JSON', '"operationName" must be a string when given.');
  }
  if (variables !== undefined && variables !== null && !isObject(variables)) {
    throw badRequest('VARIABLES_NOT_AN_OBJECT', '"variables" must be a JSON object when given.');
  }
  if (extensions !== undefined && !isObject(extensions))
    throw badRequest('BODY_NOT_JSON', '"extensions" must be a JSON object when given.');
  return {
    query,
    ...(operationName !== undefined ? { operationName } : {}),
    ...(variables !== undefined ? { variables: variables as Record<string, unknown> | null } : {}),
    ...(extensions !== undefined ? { extensions: extensions as Record<string, unknown> } : {}),
  };
}
