import {
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Resolves a variable as execution would: the request's value, else the operation's default, else undefined. */
export type VariableLookup = (name: string) => unknown;

/**
 * Called once per requested field and possible parent type, with the field's
 * definition (undefined when the parent has no such field, e.g. `_entities` on
 * the API schema). Return true to walk its selection set.
 */
export type FieldVisitor = (
  parentName: string,
  node: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  variable: VariableLookup,
) => boolean;

export interface WalkInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | undefined;
  variables?: Record<string, unknown> | undefined;
}

/**
 * Walks what an operation would request, as execution would reach it: fields
 * (whatever their alias), named fragments, inline fragments with or without a
 * type condition, and `@include`/`@skip` (a field they exclude is not requested).
 *
 * A selection made on an abstract type counts for each of its possible object
 * types, since any of them may come back; a fragment narrows to the types it
 * applies to. When the operation to run cannot be determined (missing or
 * ambiguous operationName), every operation is walked: the check fails closed,
 * and execution refuses such a request anyway.
 */
export function walkOperation(input: WalkInput, visit: FieldVisitor): void {
  const { schema, document } = input;
  const operations: OperationDefinitionNode[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const named = input.operationName === undefined ? [] : operations.filter((o) => o.name?.value === input.operationName);
  const selected = named.length === 1 ? named : operations;

  for (const operation of selected) {
    const variable = lookupFor(operation, input.variables);
    const root = schema.getRootType(operation.operation);
    const rootTypes = root ? [root] : [];
    const rootName = root?.name ?? operation.operation[0]!.toUpperCase() + operation.operation.slice(1);
    // Per operation: a fragment already walked for the same parent types adds nothing new. This also stops fragment cycles.
    const expanded = new Set<string>();

    const walk = (selectionSet: SelectionSetNode, types: readonly GraphQLObjectType[]): void => {
      for (const selection of selectionSet.selections) {
        if (!isIncluded(selection.directives, variable)) continue;
        if (selection.kind === Kind.FIELD) {
          // No such root type (a mutation here): nothing can grant it; report the fields under the root's name.
          if (!root) visit(rootName, selection, undefined, variable);
          for (const type of types) {
            const definition = type.getFields()[selection.name.value];
            if (visit(type.name, selection, definition, variable) && definition && selection.selectionSet) {
              walk(selection.selectionSet, possibleObjectTypes(schema, getNamedType(definition.type)));
            }
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition?.name.value;
          walk(selection.selectionSet, condition === undefined ? types : narrow(schema, types, condition));
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment) continue; // Unknown fragment: validation refuses the document; nothing of it would run.
          const narrowed = narrow(schema, types, fragment.typeCondition.name.value);
          const key = `${fragment.name.value} on ${narrowed.map((t) => t.name).join('|')}`;
          if (expanded.has(key)) continue;
          expanded.add(key);
          walk(fragment.selectionSet, narrowed);
        }
      }
    };
    walk(operation.selectionSet, rootTypes);
  }
}

function lookupFor(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): VariableLookup {
  return (name) => {
    const given = variables?.[name];
    if (given !== undefined) return given;
    const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
    return definition?.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined;
  };
}

/** `@skip(if: true)` or `@include(if: false)` exclude; a condition that is not a known boolean includes (fail closed). */
function isIncluded(directives: readonly DirectiveNode[] | undefined, variable: VariableLookup): boolean {
  if (!directives || directives.length === 0) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if');
    if (!argument) continue;
    const value = argument.value.kind === Kind.VARIABLE ? variable(argument.value.name.value) : valueFromASTUntyped(argument.value);
    if ((name === 'skip' && value === true) || (name === 'include' && value === false)) return false;
  }
  return true;
}

const singletons = new WeakMap<GraphQLObjectType, readonly GraphQLObjectType[]>();

function possibleObjectTypes(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) {
    let list = singletons.get(type);
    if (!list) singletons.set(type, (list = [type]));
    return list;
  }
  return isCompositeType(type) ? schema.getPossibleTypes(type) : [];
}

/** The parent types a fragment with this type condition applies to. */
function narrow(schema: GraphQLSchema, types: readonly GraphQLObjectType[], condition: string): readonly GraphQLObjectType[] {
  const conditionType = schema.getType(condition);
  if (!conditionType || !isCompositeType(conditionType)) return [];
  if (isObjectType(conditionType)) return types.includes(conditionType) ? possibleObjectTypes(schema, conditionType) : [];
  return types.filter((t) => schema.isSubType(conditionType, t));
}
