import { type Authorization } from '../model.js';

/** Which persons an authorization reaches: `all`, or `followed` with the capacities that qualify a person. */
export interface ScopeView {
  scope: string;
  /** Sorted capacity codes; empty when the scope names none. */
  capacities: string[];
}

/**
 * The scope of an authorization, read generically: `scope: 'all'` today, and
 * `scope: 'followed'` with `capacities: [...]` (issue #12) whether the model
 * keeps the capacities beside the scope or inside it. The register and the
 * diff show what is there without depending on one shape.
 */
export function scopeOf(authorization: Authorization): ScopeView {
  const raw = authorization as unknown as { scope?: unknown; capacities?: unknown };
  let scope = 'all';
  let capacities: unknown = raw.capacities;
  if (typeof raw.scope === 'string') scope = raw.scope;
  else if (raw.scope && typeof raw.scope === 'object') {
    const object = raw.scope as { kind?: unknown; type?: unknown; scope?: unknown; capacities?: unknown };
    const kind = object.kind ?? object.type ?? object.scope;
    if (typeof kind === 'string') scope = kind;
    capacities ??= object.capacities;
  }
  const codes = Array.isArray(capacities) ? capacities.filter((c): c is string => typeof c === 'string') : [];
  return { scope, capacities: [...new Set(codes)].sort() };
}
