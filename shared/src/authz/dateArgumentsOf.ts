import { getNamedType, isInputObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';

/** Whether a value of this type can carry a Date: a Date, a list of them, or an input object with one at any depth. */
function carriesDate(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'Date') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesDate(field.type, seen));
}

/**
 * The arguments of a field through which a request picks a day, and so how far
 * back the answer reaches (`address(asOf)`, `quarterlyDeclarations(from, to)`).
 * A list of Dates or an input object holding one counts too: such an argument
 * cannot be bounded (only a single Date can), so a grant of it must say
 * `history: whole` — closed by default.
 */
export function dateArgumentsOf(field: GraphQLField<unknown, unknown>): string[] {
  return field.args.filter((argument) => carriesDate(argument.type)).map((argument) => argument.name);
}
