import { type Authorization, type DateArgumentBound } from './model.js';

/** One authorization's bounds on a field's arguments: argument name → bound. */
export type ArgumentBounds = ReadonlyMap<string, DateArgumentBound>;

/** The union of what a list of authorizations grants, in the shape the per-request check needs. */
export interface CompiledGrants {
  /** Every granted `Type.field`. */
  fields: ReadonlySet<string>;
  /**
   * `Type.field` → the argument bounds of each authorization that grants it.
   * A request is covered when it satisfies any one of them. Absent when some
   * authorization grants the field without bounds: then nothing is bounded.
   */
  bounds: ReadonlyMap<string, readonly ArgumentBounds[]>;
}

const none: CompiledGrants = { fields: new Set(), bounds: new Map() };

// Keyed by the first authorization object, then by the tuple of ids: a reloaded
// set has new objects, so a stale compilation can never be served for it, and
// the old entries go with the old set.
const cache = new WeakMap<Authorization, Map<string, CompiledGrants>>();

/** Compiles (once per tuple of authorizations) what they grant together. */
export function compileGrants(authorizations: readonly Authorization[]): CompiledGrants {
  const first = authorizations[0];
  if (!first) return none;
  const key = authorizations.map((a) => a.id).join('\n');
  let byIds = cache.get(first);
  if (!byIds) cache.set(first, (byIds = new Map()));
  let compiled = byIds.get(key);
  if (!compiled) byIds.set(key, (compiled = compile(authorizations)));
  return compiled;
}

function compile(authorizations: readonly Authorization[]): CompiledGrants {
  const fields = new Set<string>();
  const alternatives = new Map<string, ArgumentBounds[] | 'unbounded'>();
  for (const authorization of authorizations) {
    for (const [typeName, grants] of Object.entries(authorization.grants)) {
      for (const grant of grants) {
        const coordinate = `${typeName}.${grant.field}`;
        fields.add(coordinate);
        const bounds = new Map(Object.entries(grant.arguments ?? {}));
        const known = alternatives.get(coordinate);
        if (bounds.size === 0 || known === 'unbounded') alternatives.set(coordinate, 'unbounded');
        else alternatives.set(coordinate, [...(known ?? []), bounds]);
      }
    }
  }
  const bounds = new Map<string, readonly ArgumentBounds[]>();
  for (const [coordinate, entry] of alternatives) if (entry !== 'unbounded') bounds.set(coordinate, entry);
  return { fields, bounds };
}
