import { scalarResolvers } from '@crossroads/shared';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

type CheckedScalar = keyof typeof scalarResolvers;

function checkedScalar(name: string): CheckedScalar | undefined {
  return Object.hasOwn(scalarResolvers, name) ? (name as CheckedScalar) : undefined;
}

export interface IdentifierInputs {
  schema: GraphQLSchema;
  document: DocumentNode;
  /**
   * The operation that will run: its variables are checked against their declared types.
   * Undefined when it cannot be determined (execution will refuse the request): then every operation's.
   */
  operation: OperationDefinitionNode | undefined;
  variables: Record<string, unknown>;
}

/**
 * Applies the scalars' own rules (SSIN, EnterpriseNumber, Date) to every value
 * a request gives them, by every path graphql-js would coerce it: the
 * operation's variables, checked against the type each is declared with (a
 * list given for one SSIN is refused, not read item by item); default values
 * of variables; literal arguments; list items; input-object fields, at any
 * depth. Throws the first broken rule as BAD_USER_INPUT with `extensions.rule`
 * and HTTP 400. Adds every SSIN it checked, as its 11 digits, to `named` as it
 * goes (so those checked before a refusal are noted too), and returns it.
 *
 * The gateway needs this because its schema knows our scalars by name only:
 * graphql-js would pass whatever a request gives them, in whatever shape, on
 * to the sources. Values given to other types are left to graphql-js.
 */
export function checkIdentifierInputs(
  { schema, document, operation, variables }: IdentifierInputs,
  named: Set<string> = new Set(),
): Set<string> {
  const note = (scalar: CheckedScalar, parsed: unknown): void => {
    if (scalar === 'SSIN' && typeof parsed === 'string') named.add(parsed);
  };

  const operations = operation ? [operation] : document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  for (const definition of operations.flatMap((o) => o.variableDefinitions ?? [])) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    // Absent: its default value, a literal, is checked below with the others.
    if (type && Object.hasOwn(variables, name)) checkValue(type, variables[name], [`Variable "$${name}"`], note);
  }

  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Every operation's defaults, not only the one that runs: a document with a bad identifier in it is refused whole.
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        if (type && node.defaultValue) checkLiteral(type, node.defaultValue, [`Default value of "$${node.variable.name.value}"`], note);
        return false;
      },
      Argument(node) {
        const type = typeInfo.getInputType();
        if (type) checkLiteral(type, node.value, [`Argument "${node.name.value}"`], note);
        return false;
      },
    }),
  );
  return named;
}

type Note = (scalar: CheckedScalar, parsed: unknown) => void;

/**
 * Where a value is, as segments: `Variable "$f"`, `field "ssins"`, 1. Kept as
 * one array pushed and popped during the walk, and written out only for an
 * error, so that checking a list of a thousand SSINs builds no strings.
 */
type Path = (string | number)[];

function describePath(path: Path): string {
  return path.map((segment, i) => (typeof segment === 'number' ? ` at [${segment}]` : i === 0 ? segment : `, ${segment}`)).join('');
}

/** A variable's value, walked as graphql-js coerces it (coerceInputValue). */
function checkValue(type: GraphQLInputType, value: unknown, path: Path, note: Note): void {
  if (isNonNullType(type)) return checkValue(type.ofType, value, path, note);
  // A null where none is allowed is graphql-js's to refuse; it names no identifier.
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    // One value where a list is expected is coerced to a list of one, as graphql-js does.
    if (!Array.isArray(value)) return checkValue(type.ofType, value, path, note);
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      checkValue(type.ofType, value[index], path, note);
      path.pop();
    }
    return;
  }
  if (isInputObjectType(type)) {
    // Not an object, or an unknown field: graphql-js refuses the variable before anything is planned.
    if (typeof value !== 'object' || Array.isArray(value)) return;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      path.push(`field "${fieldName}"`);
      checkValue(field.type, (value as Record<string, unknown>)[fieldName], path, note);
      path.pop();
    }
    return;
  }
  const scalar = checkedScalar(type.name);
  if (!scalar) return;
  try {
    note(scalar, scalarResolvers[scalar].parseValue(value));
  } catch (error) {
    refuse(error, scalar, path, Array.isArray(value));
  }
}

/** A value written in the document, walked as graphql-js coerces it (valueFromAST). */
function checkLiteral(type: GraphQLInputType, node: ValueNode, path: Path, note: Note): void {
  if (node.kind === Kind.VARIABLE) return; // its value is checked as a variable
  if (isNonNullType(type)) return checkLiteral(type.ofType, node, path, note);
  if (node.kind === Kind.NULL) return;
  if (isListType(type)) {
    if (node.kind !== Kind.LIST) return checkLiteral(type.ofType, node, path, note);
    node.values.forEach((item, index) => {
      path.push(index);
      checkLiteral(type.ofType, item, path, note);
      path.pop();
    });
    return;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return; // validation has refused it already
    const fields = type.getFields();
    for (const field of node.fields) {
      const definition = fields[field.name.value];
      if (!definition) continue;
      path.push(`field "${field.name.value}"`);
      checkLiteral(definition.type, field.value, path, note);
      path.pop();
    }
    return;
  }
  const scalar = checkedScalar(type.name);
  if (!scalar) return;
  try {
    note(scalar, scalarResolvers[scalar].parseLiteral(node));
  } catch (error) {
    refuse(error, scalar, path, node.kind === Kind.LIST);
  }
}

/**
 * The scalar's refusal as the request's error: the scalar's message and rule,
 * prefixed by where the value was. Never the value: it may be an SSIN.
 */
function refuse(error: unknown, scalar: CheckedScalar, path: Path, isList: boolean): never {
  if (!(error instanceof GraphQLError)) throw error;
  const shape = isList ? ` is a list where one ${scalar} is expected.` : ':';
  throw new GraphQLError(`${describePath(path)}${shape} ${error.message}`, { extensions: { ...error.extensions, http: { status: 400 } } });
}
