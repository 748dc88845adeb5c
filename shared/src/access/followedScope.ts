import DataLoader from 'dataloader';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';
import { capacitiesOf, needsDirectory } from '../authz/checkScope.js';
import { compileGrants } from '../authz/compileGrants.js';
import type { Authorization } from '../authz/model.js';
import { PERSON_TYPE } from '../authz/personsReached.js';
import type { DirectoryReader } from '../directory/createDirectoryReader.js';
import type { RequestAccess } from './requestGrants.js';

/** A call's answer to "may this field of this person be read?", where a `followed` authorization is involved. */
export interface FollowedScope {
  allows(ssin: string, coordinate: string): Promise<boolean>;
}

export interface FollowedScopeContext {
  /** Null when no authorization of the call is limited to followed persons. */
  followedScope?: FollowedScope | null;
}

/**
 * The second line behind the gateway's scope check, in every source: for the
 * call's authorizations, a field of a Person is released only if an
 * authorization granting it has scope `all`, or scope `followed` with the person
 * followed today in one of its capacities. The directory is asked once per call
 * for all the persons it resolves (a DataLoader). Null when the call needs no
 * directory at all.
 */
export function followedScopeFor(access: RequestAccess, directory: DirectoryReader | null): FollowedScope | null {
  const { authorizations } = access;
  if (!needsDirectory(authorizations)) return null;
  const capacities = capacitiesOf(authorizations);
  const followed = new DataLoader<string, ReadonlySet<string>>(async (ssins) => {
    if (!directory) throw unavailable();
    const found = await directory.followedCapacities(access.partnerId, ssins, capacities, access.today);
    return ssins.map((ssin) => found.get(ssin) ?? new Set<string>());
  });
  return {
    async allows(ssin, coordinate) {
      const granting = authorizations.filter((a) => grantsOf(a).has(coordinate));
      if (granting.some((a) => a.scope === 'all')) return true;
      const own = await followed.load(ssin);
      return granting.some((a) => a.capacities.some((c) => own.has(c)));
    },
  };
}

const grantsOf = (authorization: Authorization): ReadonlySet<string> => compileGrants([authorization]).fields;

/**
 * A graphql-middleware refusing every field of a Person (but its key) that the
 * call's scope does not allow. Applied inside graphql-shield and outside the
 * release collector, so a refused person is never released nor recorded as such.
 */
export function followedScopeMiddleware(keyFields: ReadonlySet<string>): IMiddlewareFunction<unknown, FollowedScopeContext> {
  return async (resolve, parent, args, context, info: GraphQLResolveInfo) => {
    const scope = context.followedScope;
    if (!scope || info.parentType.name !== PERSON_TYPE) return resolve(parent, args, context, info);
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    if (keyFields.has(coordinate) || info.fieldName.startsWith('_')) return resolve(parent, args, context, info);
    const ssin = (parent as { ssin?: unknown }).ssin ?? (parent as { _id?: unknown })._id;
    if (typeof ssin !== 'string' || !(await scope.allows(ssin, coordinate))) throw notFollowed();
    return resolve(parent, args, context, info);
  };
}

function notFollowed(): GraphQLError {
  return new GraphQLError('The partner does not follow this person in a capacity its authorization requires; nothing was read.', {
    extensions: { code: 'PERSON_NOT_FOLLOWED' },
  });
}

function unavailable(): GraphQLError {
  return new GraphQLError(
    'The reference directory cannot be read, so no person can be read under an authorization limited to followed persons.',
    {
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'directory' },
    },
  );
}
