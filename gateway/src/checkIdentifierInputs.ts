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
 * and HTTP 400; returns every SSIN it checked, as its 11 digits.
 *
 * The gateway needs this because its schema knows our scalars by name only:
 * graphql-js would pass whatever a request gives them, in whatever shape, on
 * to the sources. Values given to other types are left to graphql-js.
 */
export function checkIdentifierInputs({ schema, document, operation, variables }: IdentifierInputs): Set<string> {
  const named = new Set<string>();
  const note = (scalar: CheckedScalar, parsed: unknown): void => {
    if (scalar === 'SSIN' && typeof parsed === 'string') named.add(parsed);
  };

  const operations = operation ? [operation] : document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  for (const definition of operations.flatMap((o) => o.variableDefinitions ?? [])) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    // Absent: its default value, a literal, is checked below with the others.
    if (type && Object.hasOwn(variables, name)) checkValue(type, variables[name], `Variable "$${name}"`, note);
  }

  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Every operation's defaults, not only the one that runs: a document with a bad identifier in it is refused whole.
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        if (type && node.defaultValue) checkLiteral(type, node.defaultValue, `Default value of "$${node.variable.name.value}"`, note);
        return false;
      },
      Argument(node) {
        const type = typeInfo.getInputType();
        if (type) checkLiteral(type, node.value, `Argument "${node.name.value}"`, note);
        return false;
      },
    }),
  );
  return named;
}

type Note = (scalar: CheckedScalar, parsed: unknown) => void;

/** A variable's value, walked as graphql-js coerces it (coerceInputValue). */
function checkValue(type: GraphQLInputType, value: unknown, where: string, note: Note): void {
  if (isNonNullType(type)) return checkValue(type.ofType, value, where, note);
  // A null where none is allowed is graphql-js's to refuse; it names no identifier.
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    // One value where a list is expected is coerced to a list of one, as graphql-js does.
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(type.ofType, item, `${where} at [${index}]`, note));
    else checkValue(type.ofType, value, where, note);
    return;
  }
  if (isInputObjectType(type)) {
    // Not an object, or an unknown field: graphql-js refuses the variable before anything is planned.
    if (typeof value !== 'object' || Array.isArray(value)) return;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[fieldName];
      checkValue(field.type, fieldValue, `${where}, field "${fieldName}"`, note);
    }
    return;
  }
  const scalar = checkedScalar(type.name);
  if (scalar)
    note(
      scalar,
      parse(scalar, () => scalarResolvers[scalar].parseValue(value), where, Array.isArray(value)),
    );
}

/** A value written in the document, walked as graphql-js coerces it (valueFromAST). */
function checkLiteral(type: GraphQLInputType, node: ValueNode, where: string, note: Note): void {
  if (node.kind === Kind.VARIABLE) return; // its value is checked as a variable
  if (isNonNullType(type)) return checkLiteral(type.ofType, node, where, note);
  if (node.kind === Kind.NULL) return;
  if (isListType(type)) {
    if (node.kind === Kind.LIST) node.values.forEach((item, index) => checkLiteral(type.ofType, item, `${where} at [${index}]`, note));
    else checkLiteral(type.ofType, node, where, note);
    return;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return; // validation has refused it already
    const fields = type.getFields();
    for (const field of node.fields) {
      const definition = fields[field.name.value];
      if (definition) checkLiteral(definition.type, field.value, `${where}, field "${field.name.value}"`, note);
    }
    return;
  }
  const scalar = checkedScalar(type.name);
  if (scalar)
    note(
      scalar,
      parse(scalar, () => scalarResolvers[scalar].parseLiteral(node), where, node.kind === Kind.LIST),
    );
}

/**
 * Runs the scalar's parser and turns its refusal into the request's error: the
 * scalar's message and rule, prefixed by where the value was. Never the value:
 * it may be an SSIN.
 */
function parse(scalar: CheckedScalar, run: () => unknown, where: string, isList: boolean): unknown {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const shape = isList ? ` is a list where one ${scalar} is expected.` : ':';
    return refuse(`${where}${shape} ${error.message}`, error);
  }
}

function refuse(message: string, error: GraphQLError): never {
  throw new GraphQLError(message, { extensions: { ...error.extensions, http: { status: 400 } } });
}
