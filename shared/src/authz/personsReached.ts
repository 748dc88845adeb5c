import { getNamedType, Kind, valueFromASTUntyped, type DocumentNode, type GraphQLSchema } from 'graphql';
import { parseSsin } from '../identifiers/ssin.js';
import { walkOperation } from './walkOperation.js';

/** The type whose readings a `followed` authorization limits to the persons the partner follows. */
export const PERSON_TYPE = 'Person';

/**
 * The persons an operation would read: the SSINs (11 digits) given to every
 * field that returns a Person or a list of them (`person(ssin)`,
 * `persons(ssins)`), through aliases, fragments, variables and their defaults.
 * SSINs given to other fields — registering a person in the directory, reading
 * one's own access log — read no person's data and are not counted. A value
 * that is not a valid SSIN is skipped: the identifier check refuses it first.
 */
export function personsReached(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): string[] {
  const reached = new Set<string>();
  const note = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(note);
    if (typeof value !== 'string') return;
    try {
      reached.add(parseSsin(value).ssin);
    } catch {
      // Refused by the identifier check before this matters.
    }
  };
  walkOperation({ schema, document, operationName, variables }, (_parent, node, definition, variable) => {
    if (!definition) return false;
    if (getNamedType(definition.type).name === PERSON_TYPE) {
      for (const argument of definition.args) {
        if (getNamedType(argument.type).name !== 'SSIN') continue;
        const given = node.arguments?.find((a) => a.name.value === argument.name);
        if (!given) continue;
        note(given.value.kind === Kind.VARIABLE ? variable(given.value.name.value) : valueFromASTUntyped(given.value));
      }
    }
    return true;
  });
  return [...reached];
}
