import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { GraphQLError, Kind, type DocumentNode, type GraphQLResolveInfo, type GraphQLScalarType, type TypeNode } from 'graphql';
import { DateScalar } from './date.js';
import { EnterpriseNumber } from './enterpriseNumber.js';
import { SSIN } from './ssin.js';

const checked: Record<string, GraphQLScalarType> = { SSIN, EnterpriseNumber, Date: DateScalar };

type ResolveReference<TContext> = (reference: Record<string, unknown>, context: TContext, info: GraphQLResolveInfo) => unknown;

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Entity type → its key fields whose type is one of our scalars: `Person` → `ssin` → SSIN. */
function checkedKeys(typeDefs: DocumentNode): Map<string, Map<string, GraphQLScalarType>> {
  const result = new Map<string, Map<string, GraphQLScalarType>>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      // Top-level key fields only: a nested selection (`owner { id }`) is an object, parsed by its own type.
      for (const name of fields.value
        .replace(/\{[^}]*\}/g, ' ')
        .split(/\s+/)
        .filter(Boolean)) {
        const field = definition.fields?.find((f) => f.name.value === name);
        const scalar = field && checked[namedTypeOf(field.type)];
        if (!scalar) continue;
        let keys = result.get(definition.name.value);
        if (!keys) result.set(definition.name.value, (keys = new Map()));
        keys.set(name, scalar);
      }
    }
  }
  return result;
}

/**
 * Entity references reach a subgraph as `_entities(representations: [_Any!]!)`,
 * and `_Any` is parsed by no scalar: a representation's key would reach the
 * resolver, and the database, unchecked. This wraps (or adds) each entity's
 * `__resolveReference` so that every key of one of our scalars (`Person.ssin`,
 * `Employer.enterpriseNumber`) is parsed like an argument first — normalised,
 * or refused with BAD_USER_INPUT naming the rule — as the gateway's own check
 * does for partners' requests. Only the gateway calls a sealed subgraph, so a
 * refusal here means a bug or a forged call, never a partner's typo.
 */
export function checkReferenceKeys<TContext>(
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<TContext>,
): GraphQLResolverMap<TContext> {
  const wrapped: GraphQLResolverMap<TContext> = { ...resolvers };
  for (const [typeName, keys] of checkedKeys(typeDefs)) {
    const typeResolvers = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    // @apollo/subgraph calls it as (representation, context, info), without arguments.
    const original = typeResolvers['__resolveReference'] as ResolveReference<TContext> | undefined;
    const resolveReference: ResolveReference<TContext> = (reference, context, info) => {
      const parsed: Record<string, unknown> = { ...reference };
      for (const [field, scalar] of keys) {
        try {
          parsed[field] = scalar.parseValue(reference[field]);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          throw new GraphQLError(`The ${typeName} reference's key ${field}: ${error.message}`, { extensions: error.extensions });
        }
      }
      return original ? original(parsed, context, info) : parsed;
    };
    wrapped[typeName] = { ...typeResolvers, __resolveReference: resolveReference } as GraphQLResolverMap<TContext>[string];
  }
  return wrapped;
}
