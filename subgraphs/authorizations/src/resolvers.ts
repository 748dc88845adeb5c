import { scalarResolvers, type AccessContext, type Authorization, type FieldGrant } from '@crossroads/shared';
import type { AuthorizationsContext } from './server.js';

export const resolvers = {
  ...scalarResolvers,
  Query: {
    myAuthorizations: (_: unknown, _args: unknown, context: AuthorizationsContext & AccessContext) => {
      const access = context.access!;
      return context.policies
        .current()
        .authorizations.filter(
          (a) => a.partner === access.partnerId && a.validFrom <= access.today && (a.validUntil === null || access.today <= a.validUntil),
        )
        .map((a) => ({ authorization: a, declaredPurpose: access.purpose }));
    },
  },
  Authorization: {
    id: ({ authorization }: View) => authorization.id,
    title: ({ authorization }: View) => authorization.title,
    legalBasis: ({ authorization }: View) => authorization.legalBasis,
    purposes: ({ authorization }: View) => authorization.purposes,
    validFrom: ({ authorization }: View) => authorization.validFrom,
    validUntil: ({ authorization }: View) => authorization.validUntil,
    scope: ({ authorization }: View) => authorization.scope.toUpperCase(),
    appliesToDeclaredPurpose: ({ authorization, declaredPurpose }: View) => authorization.purposes.includes(declaredPurpose),
    grants: ({ authorization }: View) => Object.entries(authorization.grants).map(([type, fields]) => ({ type, fields })),
  },
  FieldGrant: {
    argumentBounds: (grant: FieldGrant) =>
      Object.entries(grant.arguments ?? {}).map(([argument, bound]) => ({
        argument,
        notBeforeMonthsAgo: bound.notBeforeMonthsAgo ?? null,
      })),
  },
};

interface View {
  authorization: Authorization;
  declaredPurpose: string;
}
