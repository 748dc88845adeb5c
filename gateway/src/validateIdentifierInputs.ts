import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './startGateway.js';
import { scalarResolvers } from '@crossroads/shared';
import { GraphQLError, Kind, TypeInfo, getNamedType, typeFromAST, visit, visitWithTypeInfo, type ValueNode } from 'graphql';

type CheckedScalar = keyof typeof scalarResolvers;

function isChecked(name: string | undefined): name is CheckedScalar {
  return name !== undefined && Object.hasOwn(scalarResolvers, name);
}

/**
 * The supergraph schema the gateway plans with knows our scalars by name only:
 * it would pass any string on to the subgraphs. This plugin applies the
 * scalars' own rules (SSIN check digits, …) to every argument and variable
 * before the query is planned, so a bad identifier gets BAD_USER_INPUT naming
 * the rule and no source is called. (Our types have no input objects; an
 * input object field of these scalars would need the same walk.)
 *
 * Every SSIN it checks is noted, as its 11 digits, in the context's
 * `namedSsins`: the audit trail records whom a request named, whatever it
 * selects and whatever the answer.
 */
export function validateIdentifierInputs(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, contextValue }) {
          const variables = request.variables ?? {};
          const named = (contextValue.namedSsins ??= new Set());
          const note = (scalar: CheckedScalar, parsed: unknown) => {
            if (scalar === 'SSIN' && typeof parsed === 'string') named.add(parsed);
          };
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            const scalar = getNamedType(typeFromAST(schema, definition.type))?.name;
            if (isChecked(scalar)) checkValue(scalar, variables[name], `Variable "$${name}"`, note);
          }
          const typeInfo = new TypeInfo(schema);
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              Argument(node) {
                const scalar = getNamedType(typeInfo.getInputType())?.name;
                if (isChecked(scalar)) checkLiteral(scalar, node.value, `Argument "${node.name.value}"`, note);
              },
            }),
          );
        },
      };
    },
  };
}

type Note = (scalar: CheckedScalar, parsed: unknown) => void;

function checkValue(scalar: CheckedScalar, value: unknown, where: string, note: Note): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) for (const item of value) checkValue(scalar, item, where, note);
  else note(scalar, parseWith(scalar, value, where));
}

function checkLiteral(scalar: CheckedScalar, node: ValueNode, where: string, note: Note): void {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return;
  if (node.kind === Kind.LIST) for (const item of node.values) checkLiteral(scalar, item, where, note);
  else note(scalar, parseWith(scalar, node.kind === Kind.STRING ? node.value : undefined, where));
}

function parseWith(scalar: CheckedScalar, value: unknown, where: string): unknown {
  try {
    return scalarResolvers[scalar].parseValue(value);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(`${where}: ${error.message}`, { extensions: { ...error.extensions, http: { status: 400 } } });
  }
}
