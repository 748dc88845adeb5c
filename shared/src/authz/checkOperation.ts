import { type DocumentNode, type GraphQLSchema } from 'graphql';
import { checkArgumentBounds, type BoundViolation } from './checkArgumentBounds.js';
import { compileGrants } from './compileGrants.js';
import { type Authorization } from './model.js';
import { walkOperation } from './walkOperation.js';

export interface CheckOperationInput {
  /** The API schema partners see. */
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | undefined;
  variables?: Record<string, unknown> | undefined;
  /** The applicable authorizations (`applicableAuthorizations`); their grants are united. */
  authorizations: readonly Authorization[];
  /** The Belgian calendar day of the request, YYYY-MM-DD; argument bounds count back from it. */
  today: string;
}

export type OperationCheck =
  | { allowed: true }
  | {
      allowed: false;
      /** Sorted, without duplicates: `Type.field` not granted, `Type.field(argument)` outside its bound. */
      uncovered: string[];
      /** The details of the `Type.field(argument)` entries, for the error message. */
      boundViolations: BoundViolation[];
    };

const allowed: OperationCheck = { allowed: true };

/**
 * The preventive check: is every field the operation would request granted to
 * the caller? Runs on every request before any source is called, so that a
 * partner never receives data, or causes a source to be read, beyond its
 * authorizations.
 *
 * - `Type.field` names the object type the field is read on (`Query.person`,
 *   `Person.employments`); on an interface or union, each possible object type.
 * - `__typename` is always allowed; `__schema` and `__type` are never granted
 *   (the gateway decides about introspection separately).
 * - Below a field that is not granted, the walk goes on, so that `uncovered`
 *   lists everything the partner would need, not only the first level.
 */
export function checkOperation(input: CheckOperationInput): OperationCheck {
  const grants = compileGrants(input.authorizations);
  let uncovered: Set<string> | undefined;
  let boundViolations: BoundViolation[] | undefined;

  walkOperation(input, (parentName, node, definition, variable) => {
    const name = node.name.value;
    if (name === '__typename') return false;
    const coordinate = `${parentName}.${name}`;
    if (!definition || name.startsWith('__')) {
      (uncovered ??= new Set()).add(coordinate);
      return false; // Nothing below an unknown field or introspection can be granted.
    }
    if (!grants.fields.has(coordinate)) {
      (uncovered ??= new Set()).add(coordinate);
      return true;
    }
    const alternatives = grants.bounds.get(coordinate);
    if (alternatives) {
      for (const violation of checkArgumentBounds(coordinate, node, definition, alternatives, variable, input.today)) {
        (uncovered ??= new Set()).add(violation.coordinate);
        (boundViolations ??= []).push(violation);
      }
    }
    return true;
  });

  if (!uncovered) return allowed;
  return { allowed: false, uncovered: [...uncovered].sort(), boundViolations: dedupe(boundViolations ?? []) };
}

function dedupe(violations: BoundViolation[]): BoundViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => !seen.has(v.message) && (seen.add(v.message), true));
}
