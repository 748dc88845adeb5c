import type { ApolloServerPlugin } from '@apollo/server';
import { checkOperation, requestAccess, selfServiceAuthorization } from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../startGateway.js';
import type { GatewayAccess } from './gatewayAccess.js';

const INTROSPECTION = /^Query\.__(schema|type)$/;

/**
 * The preventive check of the trusted third party: before the query is
 * planned, every Type.field the operation requests — through aliases,
 * fragments, @include/@skip — is compared with what the partner's
 * authorizations for the declared purpose grant today. If anything is not
 * covered, the whole operation is refused with FORBIDDEN listing what is
 * missing, and no source is called.
 */
export function preventiveCheck(access: GatewayAccess): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, request }) {
          const { caller } = contextValue;
          const set = caller.policies;
          const grantedAccess = requestAccess(set, { partnerId: caller.partnerId, purpose: caller.purpose, today: caller.today });
          contextValue.access = grantedAccess;
          if (access.disabled.has('preventive-check')) return; // benchmark only (securityLayers.ts)
          const result = checkOperation({
            schema: access.apiSchema,
            document,
            operationName: operationName ?? undefined,
            variables: request.variables,
            authorizations: [...grantedAccess.authorizations, selfServiceAuthorization],
            today: caller.today,
          });
          if (!result.allowed) {
            const uncovered = access.development ? result.uncovered.filter((c) => !INTROSPECTION.test(c)) : result.uncovered;
            if (uncovered.length > 0) {
              const details = result.boundViolations.map((v) => ` ${v.message}.`).join('');
              throw new GraphQLError(
                `No authorization of the Information Security Committee covers ${uncovered.join(', ')} for partner ${caller.partnerId} and purpose ${caller.purpose}; nothing was read.${details}`,
                { extensions: { code: 'FORBIDDEN', uncovered, http: { status: 403 } } },
              );
            }
          }
        },
      };
    },
  };
}
