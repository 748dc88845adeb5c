import type { GraphQLFormattedError } from 'graphql';
import { publicErrorCodes } from './errors.js';

/** The extensions a partner may see; everything else (stack traces, URLs, service internals) is dropped. */
const PUBLIC_EXTENSIONS = ['code', 'rule', 'reason', 'uncovered', 'source', 'requestId', 'limit', 'max'] as const;

/**
 * Rewrites a formatted error into what may leave the process. Errors with a
 * public code keep their message, path and public extensions; anything else is
 * replaced by `fallback`, because its message may name hosts, collections or
 * values. Messages of our input rules never echo the value (see identifiers/).
 *
 * `originalError` carries our rule errors through graphql-js, which prefixes
 * variable-coercion messages with the raw value; we rebuild those messages
 * from the variable name and the rule's message so no SSIN leaks through them.
 */
export function toPublicError(
  formatted: GraphQLFormattedError,
  originalError: unknown,
  fallback: () => GraphQLFormattedError,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code !== 'string' || !publicErrorCodes.has(code)) return fallback();
  const rule = ruleOf(originalError);
  let message = formatted.message;
  if (rule) {
    const variable = /^Variable "(\$[^"]+)"/.exec(formatted.message)?.[1];
    message = variable ? `Variable "${variable}": ${rule.message}` : rule.message;
  }
  const extensions: Record<string, unknown> = {};
  for (const key of PUBLIC_EXTENSIONS) {
    const value = rule && key === 'rule' ? rule.rule : formatted.extensions?.[key];
    if (value !== undefined) extensions[key] = value;
  }
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

/** Finds one of our rule errors (extensions.rule) in an error's `originalError` chain. */
function ruleOf(error: unknown): { rule: string; message: string } | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const ext = (current as { extensions?: { rule?: unknown } }).extensions;
    const message = (current as { message?: unknown }).message;
    if (typeof ext?.rule === 'string' && typeof message === 'string' && !message.startsWith('Variable "')) {
      return { rule: ext.rule, message };
    }
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
