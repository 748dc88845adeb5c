import { Buffer } from 'node:buffer';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { HttpRefusal, type GraphQLRequestBody, type RequestLimits } from '@crossroads/shared';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { measureOperation, type OperationMeasure } from './measureOperation.js';

type LimitName = keyof Pick<
  RequestLimits,
  'documentBytes' | 'tokens' | 'depth' | 'aliases' | 'rootFields' | 'directives' | 'fields' | 'cost' | 'persons'
>;

function exceeded(limit: LimitName, max: number, message: string): HttpRefusal {
  return new HttpRefusal({
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    message: `${message}; nothing was read.`,
    extensions: { limit, max },
  });
}

/** What the limits found: the parsed document (undefined when it does not parse: GraphQL then says why) and its measure. */
export interface CheckedOperation {
  document?: DocumentNode;
  measure?: OperationMeasure;
}

/**
 * The gateway's operation limits, checked before GraphQL validates or plans
 * anything, in order of cost: the document's size, its tokens while parsing
 * (graphql-js stops at the limit), then depth, aliases and directives
 * (graphql-armor's rules, alone in a validation pass of their own), then the
 * measure of root fields, fields, cost and persons (measureOperation). Each
 * step is linear in the document, so a refused document costs little whoever
 * sends it; the full validation that follows is bounded by the field limit.
 * Throws OPERATION_LIMIT_EXCEEDED naming the limit.
 */
export function checkOperationLimits(schema: GraphQLSchema, body: GraphQLRequestBody, limits: Readonly<RequestLimits>): CheckedOperation {
  const bytes = Buffer.byteLength(body.query, 'utf8');
  if (bytes > limits.documentBytes) {
    throw exceeded(
      'documentBytes',
      limits.documentBytes,
      `The document has ${bytes} bytes; at most ${limits.documentBytes} are allowed. Send SSINs in variables`,
    );
  }
  let document: DocumentNode;
  try {
    document = parse(body.query, { maxTokens: limits.tokens, noLocation: true });
  } catch (error) {
    // graphql-js: "Document contains more that N tokens. Parsing aborted." (sic).
    if (error instanceof GraphQLError && /\d+ tokens\. Parsing aborted/.test(error.message)) {
      throw exceeded('tokens', limits.tokens, `The document has more than ${limits.tokens} tokens`);
    }
    return {}; // A syntax error: GraphQL reports it, with its location.
  }

  const rejected: { limit: LimitName; max: number; message: string }[] = [];
  const armored = (limit: LimitName, max: number, rule: (options: object) => ValidationRule): ValidationRule =>
    rule({
      n: max,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (_context: unknown, error: GraphQLError) => rejected.push({ limit, max, message: error.message.replace(/^Syntax Error: /, '') }),
      ],
    });
  validate(schema, document, [
    armored('depth', limits.depth, maxDepthRule as (options: object) => ValidationRule),
    armored('aliases', limits.aliases, maxAliasesRule as (options: object) => ValidationRule),
    armored('directives', limits.directives, maxDirectivesRule as (options: object) => ValidationRule),
  ]);
  const first = rejected[0];
  if (first) throw exceeded(first.limit, first.max, first.message.replace(/\.$/, ''));

  const measure = measureOperation(schema, document, body.operationName, body.variables);
  const n = (value: number) => value.toLocaleString('en');
  const over: [LimitName, number, (max: number) => string][] = [
    [
      'rootFields',
      measure.rootFields,
      (max) => `The operation has ${n(measure.rootFields)} fields at its root; at most ${n(max)} are allowed`,
    ],
    ['fields', measure.fields, (max) => `The document has ${n(measure.fields)} field selections; at most ${n(max)} are allowed`],
    [
      'persons',
      measure.persons,
      (max) => `The request names ${n(measure.persons)} persons, across every alias of person and persons; at most ${n(max)} are allowed`,
    ],
    [
      'cost',
      measure.cost,
      (max) =>
        `The operation's estimated cost is ${n(measure.cost)} (every field reached, lists counted by their length); at most ${n(max)} is allowed`,
    ],
  ];
  for (const [limit, value, message] of over) {
    if (value > limits[limit]) throw exceeded(limit, limits[limit], message(limits[limit]));
  }
  return { document, measure };
}
