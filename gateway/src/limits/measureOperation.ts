import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks for, measured on its document before any other work. */
export interface OperationMeasure {
  /** Fields at the root of the operations measured. */
  rootFields: number;
  /** Field selections written, each fragment counted where it is spread. */
  fields: number;
  /** Every field reached, lists counted by their length: roughly how many values the answer can hold. */
  cost: number;
  /** Persons named by SSIN arguments, times the lists around them. */
  persons: number;
}

/** What a list the request does not size is assumed to hold. */
export const DEFAULT_LIST_LENGTH = 10;

/**
 * Measures an operation for the gateway's limits (decision 0016): a walk of
 * the document against the API schema, with the request's variables. A list
 * field counts as many times as it can hold items: `persons(ssins)` the
 * SSINs given, a field with `first` that many, a field with `from`/`to` dates
 * one per month of the range, any other list ten. So aliases of `persons`
 * share one budget of persons, and aliases nested in lists multiply as their
 * answers would. `@skip`/`@include` are ignored: the measure is an upper bound.
 *
 * Runs before validation, so it must bear any document that parses: what is
 * below an unknown field (or introspection) counts as fields of no known
 * type, and fragment cycles are cut.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const named = operationName ? operations.filter((o) => o.name?.value === operationName) : [];
  const measured = named.length === 1 ? named : operations;
  const total: OperationMeasure = { rootFields: 0, fields: 0, cost: 0, persons: 0 };

  for (const operation of measured) {
    const lookup = variableLookup(operation, variables);
    const root = schema.getRootType(operation.operation);
    // `page`: the `first` of a paged field above (auditLogOfPartner(first) { entries }), for lists that size nothing themselves.
    const walk = (
      set: SelectionSetNode,
      type: GraphQLObjectType | undefined,
      multiplier: number,
      page: number | undefined,
      atRoot: boolean,
      trail: string[],
    ) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (atRoot) total.rootFields++;
          total.fields++;
          total.cost += multiplier;
          const definition = type?.getFields()[selection.name.value];
          if (!definition) {
            // Unknown or introspection: validation still reads what is below, so it still counts.
            if (selection.selectionSet) walk(selection.selectionSet, undefined, multiplier, page, false, trail);
            continue;
          }
          total.persons += multiplier * personsNamed(selection, definition, lookup);
          if (!selection.selectionSet) continue;
          const isList = isListType(getNullableType(definition.type));
          const first = firstOf(selection, definition, lookup);
          const length = isList ? (listLength(selection, definition, lookup) ?? page ?? DEFAULT_LIST_LENGTH) : 1;
          const child = getNamedType(definition.type);
          const childPage = isList ? undefined : (first ?? page);
          walk(selection.selectionSet, isObjectType(child) ? child : undefined, multiplier * length, childPage, false, trail);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet, narrowed(schema, type, selection.typeCondition?.name.value), multiplier, page, atRoot, trail);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || trail.includes(name)) continue;
          walk(fragment.selectionSet, narrowed(schema, type, fragment.typeCondition.name.value), multiplier, page, atRoot, [
            ...trail,
            name,
          ]);
        }
      }
    };
    walk(operation.selectionSet, root ?? undefined, 1, undefined, true, []);
  }
  return total;
}

type Lookup = (node: FieldNode, name: string, definition: GraphQLField<unknown, unknown>) => unknown;

function variableLookup(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | null | undefined): Lookup {
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }
  return (node, name, definition) => {
    const argument = node.arguments?.find((a) => a.name.value === name);
    if (!argument) return definition.args.find((a) => a.name === name)?.defaultValue;
    if (argument.value.kind !== Kind.VARIABLE) return valueFromASTUntyped(argument.value);
    const variable = argument.value.name.value;
    return variables?.[variable] !== undefined ? variables[variable] : defaults.get(variable);
  };
}

/** SSINs given to a field: one for an SSIN argument, the list's length for a list of them. */
function personsNamed(node: FieldNode, definition: GraphQLField<unknown, unknown>, lookup: Lookup): number {
  let persons = 0;
  for (const argument of definition.args) {
    if (getNamedType(argument.type).name !== 'SSIN') continue;
    const value = lookup(node, argument.name, definition);
    if (value === undefined || value === null) continue;
    persons += Array.isArray(value) ? value.length : 1;
  }
  return persons;
}

/** How many items a list field can hold from its own arguments; undefined when they don't say. */
function listLength(node: FieldNode, definition: GraphQLField<unknown, unknown>, lookup: Lookup): number | undefined {
  for (const argument of definition.args) {
    if (isListType(getNullableType(argument.type))) {
      const value = lookup(node, argument.name, definition);
      if (Array.isArray(value)) return Math.max(value.length, 1);
    }
  }
  const first = firstOf(node, definition, lookup);
  if (first !== undefined) return first;
  const from = lookup(node, 'from', definition);
  const to = lookup(node, 'to', definition);
  if (typeof from === 'string' && typeof to === 'string') return monthsBetween(from, to);
  return undefined;
}

function firstOf(node: FieldNode, definition: GraphQLField<unknown, unknown>, lookup: Lookup): number | undefined {
  if (!definition.args.some((a) => a.name === 'first')) return undefined;
  const first = lookup(node, 'first', definition);
  return typeof first === 'number' && Number.isFinite(first) ? Math.max(Math.trunc(first), 1) : undefined;
}

/** Calendar months the range touches, both ends included; undefined when either end is not a date. */
function monthsBetween(from: string, to: string): number | undefined {
  const a = /^(\d{4})-(\d{2})/.exec(from);
  const b = /^(\d{4})-(\d{2})/.exec(to);
  if (!a || !b) return undefined;
  const months = (Number(b[1]) - Number(a[1])) * 12 + (Number(b[2]) - Number(a[2])) + 1;
  return Math.max(months, 1);
}

function narrowed(
  schema: GraphQLSchema,
  type: GraphQLObjectType | undefined,
  condition: string | undefined,
): GraphQLObjectType | undefined {
  if (condition === undefined) return type;
  const target = schema.getType(condition);
  return isObjectType(target) ? target : type;
}
