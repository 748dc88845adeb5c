import { Kind, valueFromASTUntyped, type FieldNode, type GraphQLField } from 'graphql';
import { dateBoundHolds, earliestAllowed } from './dateBounds.js';
import { type ArgumentBounds } from './compileGrants.js';
import { type VariableLookup } from './walkOperation.js';

/** A Date argument outside what the authorizations allow. */
export interface BoundViolation {
  /** `Person.quarterlyDeclarations(from)`, as listed in `uncovered`. */
  coordinate: string;
  argument: string;
  /** The date the request gives (after variables and defaults); null when it gives none or not a date. */
  received: string | null;
  /** The earliest day allowed. */
  earliest: string;
  /** A sentence for the error message; names no person. */
  message: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks one occurrence of a field against the bounds of the authorizations
 * that grant it. It is covered when any one authorization's bounds all hold;
 * otherwise the violations of the closest authorization are returned.
 */
export function checkArgumentBounds(
  coordinate: string,
  node: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  alternatives: readonly ArgumentBounds[],
  variable: VariableLookup,
  today: string,
): BoundViolation[] {
  let closest: BoundViolation[] | undefined;
  for (const bounds of alternatives) {
    const violations: BoundViolation[] = [];
    for (const [argument, bound] of bounds) {
      const received = argumentValue(node, definition, argument, variable);
      // The sources' shield applies the same rule to the same value (dateBounds.ts).
      if (dateBoundHolds(bound, received, today)) continue;
      const earliest = earliestAllowed(bound, today);
      const omitted = received === null || received === undefined;
      const isDate = typeof received === 'string' && isoDate.test(received);
      // Only a well-formed date is echoed: anything else could be whatever the caller typed, an SSIN included.
      const got = omitted ? 'it was omitted' : isDate ? `got ${received}` : 'got a value that is not a YYYY-MM-DD date';
      violations.push({
        coordinate: `${coordinate}(${argument})`,
        argument,
        received: isDate ? received : null,
        earliest,
        message: `${coordinate}(${argument}) must be a date on or after ${earliest} (at most ${bound.notBeforeMonthsAgo} months back); ${got}`,
      });
    }
    if (violations.length === 0) return violations;
    if (!closest || violations.length < closest.length) closest = violations;
  }
  return closest ?? [];
}

/**
 * The argument's value as execution would see it: the literal, or the
 * variable's value or default, or the schema's default. Undefined when absent.
 * An omitted argument with no default is a violation unless the bound allows
 * it: the check cannot know what the resolver does then, and for fields such
 * as `employments(activeOn)` "no value" means "no limit".
 */
export function argumentValue(
  node: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  name: string,
  variable: VariableLookup,
): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  let value: unknown;
  if (argument) value = argument.value.kind === Kind.VARIABLE ? variable(argument.value.name.value) : valueFromASTUntyped(argument.value);
  // An explicit null stays null; only an absent argument (or an unset variable) falls back to the schema default.
  if (value === undefined) value = definition.args.find((a) => a.name === name)?.defaultValue;
  return value;
}
