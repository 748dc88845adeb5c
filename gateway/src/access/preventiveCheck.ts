import type { ApolloServerPlugin } from '@apollo/server';
import { checkOperation, grantingAuthorizations, requestAccess } from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../startGateway.js';
import { auditRoleRequired, needsAuditRole } from './auditRoleRequired.js';
import type { GatewayAccess } from './gatewayAccess.js';

const INTROSPECTION = /^Query\.__(schema|type)$/;

/**
 * The preventive check of the trusted third party: before the query is
 * planned, every Type.field the operation requests — through aliases,
 * fragments, @include/@skip — is compared with what the partner's
 * authorizations for the declared purpose grant today. If anything is not
 * covered, the whole operation is refused with FORBIDDEN listing what is
 * missing (AUDIT_ROLE_REQUIRED when that includes the security officer's view
 * of the audit trail), and no source is called.
 */
export function preventiveCheck(access: GatewayAccess): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, request }) {
          const { caller } = contextValue;
          const set = caller.policies;
          // A citizen gets CITIZEN-ACCESS-LOG alone; a partner, its authorizations and self-service.
          const grantedAccess = requestAccess(
            set,
            caller.citizenSsin !== undefined
              ? { citizenSsin: caller.citizenSsin, today: caller.today }
              : { partnerId: caller.partnerId, purpose: caller.purpose, today: caller.today },
          );
          contextValue.access = grantedAccess;
          if (access.disabled.has('preventive-check')) return; // benchmark only (securityLayers.ts)
          const result = checkOperation({
            schema: access.apiSchema,
            document,
            operationName: operationName ?? undefined,
            variables: request.variables,
            authorizations: grantingAuthorizations(grantedAccess),
            today: caller.today,
          });
          if (!result.allowed) {
            const uncovered = access.development ? result.uncovered.filter((c) => !INTROSPECTION.test(c)) : result.uncovered;
            if (uncovered.length > 0) {
              if (needsAuditRole(uncovered)) throw auditRoleRequired(uncovered, caller);
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
