import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';

/**
 * Refusals a source answers with, and the HTTP status each is documented with
 * (shared/src/errors.ts). A subgraph's own status never reaches the partner:
 * the gateway answers 200 to whatever its sources said, so it sets the status
 * here, from the code.
 */
const STATUS_OF_SOURCE_REFUSAL: Readonly<Record<string, number>> = {
  TIME_RANGE_REVERSED: 400,
  TIME_RANGE_TOO_LONG: 400,
  INVALID_CURSOR: 400,
  PAGE_SIZE_OUT_OF_RANGE: 400,
  NOT_OWN_DATA: 403,
  CAPACITY_NOT_ALLOWED: 403,
  PERSON_NOT_FOLLOWED: 403,
  BAD_USER_INPUT: 400,
};

/**
 * The status of a response that is a refusal by a source: no data at all, and
 * an error whose code is a known refusal. Undefined for anything else — a
 * partial answer, where other fields carry data, stays 200.
 */
export function refusalStatusOf(result: {
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}): number | undefined {
  if (result.data && Object.values(result.data).some((value) => value !== null)) return undefined;
  for (const error of result.errors ?? []) {
    const status = STATUS_OF_SOURCE_REFUSAL[String(error.extensions?.code)];
    if (status !== undefined) return status;
  }
  return undefined;
}

/** Sets the HTTP status of a response refused by a source; a status already set (503, say) is kept. */
export function refusalHttpStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: { response: GraphQLResponse }) {
          if (response.body.kind !== 'single' || (response.http.status !== undefined && response.http.status !== 200)) return;
          const status = refusalStatusOf(response.body.singleResult);
          if (status !== undefined) response.http.status = status;
        },
      };
    },
  };
}
