import type { ApolloServerPlugin } from '@apollo/server';
import { checkIdentifierInputs } from './checkIdentifierInputs.js';
import type { GatewayContext } from './startGateway.js';

/**
 * The supergraph schema the gateway plans with knows our scalars by name only:
 * it would pass any value, in any shape, on to the subgraphs. This plugin
 * applies the scalars' own rules (SSIN check digits, …) to every value a
 * request gives them — variables against their declared types, defaults,
 * literals, list items, input-object fields (`checkIdentifierInputs`) — before
 * the query is planned, so a bad identifier gets BAD_USER_INPUT naming the rule
 * and no source is called.
 *
 * Every SSIN it checks is noted, as its 11 digits, in the context's
 * `namedSsins`: the audit trail records whom a request named, whatever it
 * selects and whatever the answer.
 */
export function validateIdentifierInputs(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, contextValue }) {
          // Noted as they are checked: a request refused for its third SSIN still named the first two.
          checkIdentifierInputs(
            { schema, document, operation, variables: request.variables ?? {} },
            (contextValue.namedSsins ??= new Set()),
          );
        },
      };
    },
  };
}
