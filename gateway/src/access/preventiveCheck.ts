import type { ApolloServerPlugin } from '@apollo/server';
import {
  capacitiesOf,
  checkOperation,
  checkScope,
  grantingAuthorizations,
  needsDirectory,
  personsReached,
  requestAccess,
  type DirectoryReader,
} from '@crossroads/shared';
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
 *
 * Then the scope: where an authorization is limited to the persons the partner
 * follows, the reference directory is asked, once for all the persons the
 * operation reads, and a person not followed in a capacity that authorization
 * names is PERSON_NOT_FOLLOWED — the same answer whether or not the person
 * exists, since no register is read.
 */
export function preventiveCheck(access: GatewayAccess, directory: DirectoryReader | null): ApolloServerPlugin<GatewayContext> {
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
          const authorizations = grantingAuthorizations(grantedAccess);
          const input = {
            schema: access.apiSchema,
            document,
            operationName: operationName ?? undefined,
            variables: request.variables,
            authorizations,
            today: caller.today,
          };
          const result = checkOperation(input);
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
          if (needsDirectory(authorizations) && !access.disabled.has('followed-scope')) {
            await checkFollowed(directory, caller, {
              ...input,
              persons: personsReached(input.schema, document, input.operationName, input.variables),
            });
          }
        },
      };
    },
  };
}

/** Refuses the operation unless the partner follows every person it reads, as its `followed` authorizations require. */
async function checkFollowed(
  directory: DirectoryReader | null,
  caller: GatewayContext['caller'],
  input: Omit<Parameters<typeof checkScope>[0], 'followed'>,
): Promise<void> {
  if (input.persons.length === 0) return;
  if (!directory) {
    // Configuration error: failing closed is the only safe answer, and says nothing about the persons.
    throw new GraphQLError(
      'The reference directory cannot be read, so no person can be read under an authorization limited to followed persons.',
      {
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'directory', http: { status: 503 } },
      },
    );
  }
  const followed = await directory.followedCapacities(caller.partnerId, input.persons, capacitiesOf(input.authorizations), caller.today);
  const scope = checkScope({ ...input, followed });
  if (scope.allowed) return;
  const of = input.persons.length === 1 ? 'the person' : `${scope.notFollowed} of the ${input.persons.length} persons`;
  throw new GraphQLError(
    `Partner ${caller.partnerId} does not follow ${of} this request reads, today, in a capacity its authorizations for purpose ${caller.purpose} require (reference directory); nothing was read.`,
    { extensions: { code: 'PERSON_NOT_FOLLOWED', http: { status: 403 } } },
  );
}
