import { scalarResolvers, type AccessContext } from '@crossroads/shared';
import { accessLogOf } from './accessLog.js';
import { auditLogOfPartner, type LogArguments } from './partnerLog.js';
import { auditLogOfPerson } from './personLog.js';
import { personsIn } from './query/auditedRequest.js';
import type { AuditContext } from './server.js';

type Context = AuditContext & AccessContext & { release?: { ssins: Set<string> } };

/**
 * Reading the trail releases personal data: the persons a page names are added
 * to what this call released, and the subgraph server records them (source
 * `audit`) before the answer leaves, as every source does.
 */
function released(context: Context, ssins: Iterable<string>): void {
  for (const ssin of ssins) context.release?.ssins.add(ssin);
}

export const resolvers = {
  ...scalarResolvers,
  Query: {
    auditLogOfPartner: async (_: unknown, { partner, ...args }: LogArguments & { partner: string }, context: Context) => {
      const page = await auditLogOfPartner(context.store, partner, args, context.listings);
      released(context, personsIn(page.requests));
      return page;
    },
    auditLogOfPerson: async (_: unknown, { ssin, ...args }: LogArguments & { ssin: string }, context: Context) => {
      const page = await auditLogOfPerson(context.store, ssin, args);
      // Even an empty page tells something about the person: that nobody consulted them.
      released(context, [ssin, ...personsIn(page.requests)]);
      return page;
    },
    accessLog: async (_: unknown, { ssin, ...args }: LogArguments & { ssin: string }, context: Context) => {
      const partners = context.policies.current().partners;
      const page = await accessLogOf(context.store, ssin, args, context.access?.citizenSsin, (id) => partners.get(id)?.name ?? id);
      released(context, [ssin]);
      return page;
    },
  },
};
