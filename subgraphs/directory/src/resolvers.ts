import {
  badUserInput,
  parseSsin,
  scalarResolvers,
  SsinError,
  type AccessContext,
  type DirectoryEntryDoc,
  type DirectoryPeriod,
  type PolicySet,
} from '@crossroads/shared';
import { GraphQLError } from 'graphql';
import { decodeFollowingCursor, encodeFollowingCursor } from './followingCursor.js';
import type { Change } from './directoryStore.js';
import type { DirectoryContext } from './server.js';

type Context = DirectoryContext & AccessContext & { release?: { ssins: Set<string> } };

/** The most SSINs one followMany or unfollowMany takes: tens of thousands, in well under the body limit (12 bytes each). */
export const MAX_BATCH = 50_000;
const MAX_PAGE = 1000;

type Status = Change['status'] | 'INVALID_SSIN' | 'DUPLICATE';
interface Outcome {
  ssin: string;
  capacity: string;
  status: Status;
  periods: readonly DirectoryPeriod[];
  rule?: string;
}

/** What the call wrote or returned names these persons: the subgraph server records them as this call's release. */
function released(context: Context, ssins: Iterable<string>): void {
  for (const ssin of ssins) context.release?.ssins.add(ssin);
}

function callerOf(context: Context): { partnerId: string; set: PolicySet } {
  if (!context.access) throw new GraphQLError('No access context.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return { partnerId: context.access.partnerId, set: context.policies.current() };
}

/** The capacity must exist, and the caller must be allowed to register persons in it (partners.yaml). */
function checkCapacity(set: PolicySet, partnerId: string, capacity: string): void {
  if (!set.capacities.has(capacity)) {
    throw badUserInput(`"${capacity.slice(0, 64)}" is not a capacity of the reference directory (capacities.yaml).`, 'CAPACITY_UNKNOWN');
  }
  if (!(set.partners.get(partnerId)?.capacities ?? []).includes(capacity)) {
    throw new GraphQLError(`Partner ${partnerId} may not register persons in capacity ${capacity} (partners.yaml); nothing was written.`, {
      extensions: { code: 'CAPACITY_NOT_ALLOWED' },
    });
  }
}

function checkPeriod(from: string, until: string | null | undefined): void {
  if (until !== null && until !== undefined && until < from) {
    throw badUserInput(`The period ends (${until}) before it starts (${from}); nothing was written.`, 'PERIOD_REVERSED');
  }
}

function checkBatch(ssins: readonly string[]): void {
  if (ssins.length > MAX_BATCH) {
    throw badUserInput(
      `At most ${MAX_BATCH.toLocaleString('en')} SSINs a call; ${ssins.length.toLocaleString('en')} were given. Nothing was written.`,
      'FOLLOW_BATCH_SIZE',
    );
  }
}

/** The valid, distinct SSINs of a batch, and an outcome for each value that is neither. */
function sortOut(values: readonly string[], capacity: string): { valid: string[]; early: Map<number, Outcome> } {
  const seen = new Set<string>();
  const valid: string[] = [];
  const early = new Map<number, Outcome>();
  values.forEach((value, index) => {
    try {
      const { ssin } = parseSsin(value);
      if (seen.has(ssin)) early.set(index, { ssin, capacity, status: 'DUPLICATE', periods: [] });
      else {
        seen.add(ssin);
        valid.push(ssin);
      }
    } catch (error) {
      if (!(error instanceof SsinError)) throw error;
      // The value is echoed only as far as it could be an identifier: the partner's own input, never more.
      early.set(index, { ssin: value.slice(0, 20), capacity, status: 'INVALID_SSIN', periods: [], rule: error.rule });
    }
  });
  return { valid, early };
}

function batchOf(values: readonly string[], capacity: string, early: Map<number, Outcome>, changes: readonly Change[]) {
  const byValid = changes[Symbol.iterator]();
  const outcomes: Outcome[] = values.map((_, index) => early.get(index) ?? { ...byValid.next().value!, capacity });
  const count = (status: Status) => outcomes.filter((o) => o.status === status).length;
  return {
    total: outcomes.length,
    created: count('CREATED'),
    extended: count('EXTENDED'),
    unchanged: count('UNCHANGED'),
    ended: count('ENDED'),
    notFollowed: count('NOT_FOLLOWED'),
    invalid: count('INVALID_SSIN'),
    duplicates: count('DUPLICATE'),
    outcomes,
  };
}

function toEntry(doc: DirectoryEntryDoc, set: PolicySet) {
  return {
    partner: { id: doc.partnerId, name: set.partners.get(doc.partnerId)?.name ?? doc.partnerId },
    capacity: toCapacity(doc.capacity, set),
    periods: doc.periods,
  };
}

function toCapacity(code: string, set: PolicySet) {
  const capacity = set.capacities.get(code);
  return { code, name: capacity?.name ?? { nl: code, fr: code, en: code } };
}

const now = () => new Date().toISOString();

export const resolvers = {
  ...scalarResolvers,
  Query: {
    following: async (_: unknown, args: { capacity?: string | null; first: number; after?: string | null }, context: Context) => {
      const { partnerId, set } = callerOf(context);
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE) {
        throw new GraphQLError(`first must be a whole number from 1 to ${MAX_PAGE}.`, { extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE' } });
      }
      const capacity = args.capacity ?? null;
      if (capacity !== null && !set.capacities.has(capacity)) {
        throw badUserInput(
          `"${capacity.slice(0, 64)}" is not a capacity of the reference directory (capacities.yaml).`,
          'CAPACITY_UNKNOWN',
        );
      }
      const afterSeq = args.after ? decodeFollowingCursor(args.after, { partnerId, capacity }) : -1;
      const page = await context.store.list(partnerId, capacity, args.first, afterSeq);
      released(
        context,
        page.entries.map((e) => e.ssin),
      );
      return {
        entries: page.entries.map((e) => ({ ssin: e.ssin, capacity: toCapacity(e.capacity, set), periods: e.periods })),
        nextCursor: page.next === null ? null : encodeFollowingCursor({ partnerId, capacity, seq: page.next }),
      };
    },
    followedBy: async (_: unknown, { ssin }: { ssin: string }, context: Context) => {
      const citizen = context.access?.citizenSsin;
      if (citizen !== undefined && citizen !== ssin) {
        throw new GraphQLError('A citizen may see who holds a file on themselves only; nothing was read.', {
          extensions: { code: 'NOT_OWN_DATA' },
        });
      }
      const set = context.policies.current();
      const docs = await context.store.followedBy(ssin);
      released(context, [ssin]);
      return docs.map((doc) => toEntry(doc, set));
    },
  },
  Person: {
    __resolveReference: (reference: { ssin: string }) => reference,
    followedBy: async (person: { ssin: string }, _: unknown, context: Context) => {
      const set = context.policies.current();
      const docs = await context.store.followedBy(person.ssin);
      released(context, [person.ssin]);
      return docs.map((doc) => toEntry(doc, set));
    },
  },
  Mutation: {
    follow: async (_: unknown, args: { ssin: string; capacity: string; from: string; until?: string | null }, context: Context) => {
      const { partnerId, set } = callerOf(context);
      checkCapacity(set, partnerId, args.capacity);
      checkPeriod(args.from, args.until);
      const [change] = await context.store.register(partnerId, args.capacity, { from: args.from, until: args.until ?? null }, [args.ssin], {
        partnerId,
        at: now(),
      });
      released(context, [args.ssin]);
      return { ...change!, capacity: args.capacity };
    },
    unfollow: async (_: unknown, args: { ssin: string; capacity: string; lastDay: string }, context: Context) => {
      const { partnerId, set } = callerOf(context);
      checkCapacity(set, partnerId, args.capacity);
      const [change] = await context.store.end(partnerId, args.capacity, args.lastDay, [args.ssin], { partnerId, at: now() });
      released(context, [args.ssin]);
      return { ...change!, capacity: args.capacity };
    },
    followMany: async (_: unknown, args: { capacity: string; from: string; until?: string | null; ssins: string[] }, context: Context) => {
      const { partnerId, set } = callerOf(context);
      checkBatch(args.ssins);
      checkCapacity(set, partnerId, args.capacity);
      checkPeriod(args.from, args.until);
      const { valid, early } = sortOut(args.ssins, args.capacity);
      const changes = await context.store.register(partnerId, args.capacity, { from: args.from, until: args.until ?? null }, valid, {
        partnerId,
        at: now(),
      });
      released(context, valid);
      return batchOf(args.ssins, args.capacity, early, changes);
    },
    unfollowMany: async (_: unknown, args: { capacity: string; lastDay: string; ssins: string[] }, context: Context) => {
      const { partnerId, set } = callerOf(context);
      checkBatch(args.ssins);
      checkCapacity(set, partnerId, args.capacity);
      const { valid, early } = sortOut(args.ssins, args.capacity);
      const changes = await context.store.end(partnerId, args.capacity, args.lastDay, valid, { partnerId, at: now() });
      released(context, valid);
      return batchOf(args.ssins, args.capacity, early, changes);
    },
  },
};
