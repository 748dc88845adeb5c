import { checkOperation, type CheckOperationInput } from './checkOperation.js';
import type { Authorization } from './model.js';

export interface ScopeCheckInput extends CheckOperationInput {
  /** The persons the operation reads (personsReached). */
  persons: readonly string[];
  /** For each of them the partner follows today, the capacities it follows them in (DirectoryReader). */
  followed: ReadonlyMap<string, ReadonlySet<string>>;
}

export type ScopeCheck = { allowed: true } | { allowed: false; notFollowed: number };

/** Whether any authorization of the set is limited to followed persons: only then is the directory asked. */
export function needsDirectory(authorizations: readonly Authorization[]): boolean {
  return authorizations.some((a) => a.scope === 'followed');
}

/** The capacities any followed authorization of the set names: what to ask the directory about. */
export function capacitiesOf(authorizations: readonly Authorization[]): string[] {
  return [...new Set(authorizations.flatMap((a) => (a.scope === 'followed' ? a.capacities : [])))];
}

/**
 * The scope check, after the preventive check allowed the operation under all
 * the partner's applicable authorizations: for each person it reads, only the
 * authorizations usable for that person count — scope `all`, or `followed` with
 * the person followed in one of its capacities — and the operation must be
 * covered by those alone. Persons with the same usable set are checked once, so
 * 1,000 persons usually cost one or two checks. Refused persons are counted,
 * never named: the answer must read the same whether or not a person exists.
 */
export function checkScope(input: ScopeCheckInput): ScopeCheck {
  const { authorizations, persons, followed } = input;
  if (!needsDirectory(authorizations) || persons.length === 0) return { allowed: true };
  const groups = new Map<string, { usable: Authorization[]; persons: number }>();
  for (const ssin of persons) {
    const capacities = followed.get(ssin);
    const usable = authorizations.filter((a) => a.scope === 'all' || a.capacities.some((c) => capacities?.has(c)));
    if (usable.length === authorizations.length) continue; // Covered: the preventive check passed with all of them.
    const key = usable.map((a) => a.id).join('|');
    const group = groups.get(key) ?? { usable, persons: 0 };
    group.persons++;
    groups.set(key, group);
  }
  let notFollowed = 0;
  for (const { usable, persons: count } of groups.values()) {
    if (usable.length === 0 || !checkOperation({ ...input, authorizations: usable }).allowed) notFollowed += count;
  }
  return notFollowed === 0 ? { allowed: true } : { allowed: false, notFollowed };
}
