import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors.js';

export interface StringScalarConfig {
  name: string;
  description: string;
  specifiedByURL?: string;
  /** Message and rule for input that is not a string (a number literal, a JSON number…). */
  notAString: { message: string; rule: string };
  /**
   * Checks and normalises an input string. Throws an error with a string `rule`
   * (SsinError, EnterpriseNumberError) or a GraphQLError when the value is invalid.
   */
  parse: (value: string) => string;
  /** What the field resolvers may return; anything else is a bug on our side. */
  isValidOutput: (value: string) => boolean;
}

/** Domain parse errors carry a stable `rule`; any other error is a bug and propagates as is. */
function hasRule(error: unknown): error is Error & { rule: string } {
  return error instanceof Error && typeof (error as { rule?: unknown }).rule === 'string';
}

/**
 * A scalar that travels as a string in both directions. Input failures become
 * BAD_USER_INPUT errors with `extensions.rule`; messages never repeat the value,
 * since several of these values (SSINs, birth dates) are personal data.
 */
export function stringScalar(config: StringScalarConfig): GraphQLScalarType<string, string> {
  const parseString = (value: unknown): string => {
    if (typeof value !== 'string') throw badUserInput(config.notAString.message, config.notAString.rule);
    try {
      return config.parse(value);
    } catch (error) {
      if (hasRule(error)) throw badUserInput(error.message, error.rule);
      throw error;
    }
  };
  return new GraphQLScalarType<string, string>({
    name: config.name,
    description: config.description,
    specifiedByURL: config.specifiedByURL,
    serialize(value) {
      if (typeof value === 'string' && config.isValidOutput(value)) return value;
      // A resolver returned something malformed: a server bug, so no BAD_USER_INPUT
      // code, and no value in the message (it may be personal data).
      throw new TypeError(`${config.name} cannot represent the value a resolver returned.`);
    },
    parseValue: parseString,
    parseLiteral(node) {
      // Variables never reach here: graphql-js resolves them and calls parseValue.
      try {
        return parseString(node.kind === Kind.STRING ? node.value : undefined);
      } catch (error) {
        // graphql-js reports a GraphQLError thrown here as is, so without the node
        // the client would get no `locations` to find the bad literal by.
        if (error instanceof GraphQLError && !error.nodes) {
          throw new GraphQLError(error.message, { nodes: node, extensions: error.extensions, originalError: error });
        }
        throw error;
      }
    },
  });
}
