import { type Authorization, type DateArgumentBound, type FieldGrant, type PolicySet } from '../model.js';
import { periodsMinus, type Period } from './periodsMinus.js';
import { scopeOf } from './scopeOf.js';

/** How far back a granted field reaches through one Date argument. */
export interface ArgumentReach {
  /** Months back; null for no limit (the whole history). */
  months: number | null;
  /** Whether the argument may be omitted (or null). */
  omitted: boolean;
}

/** One difference in what an authorization grants for one purpose. */
export type PolicyChange =
  | { kind: 'field'; direction: 'granted' | 'withdrawn'; coordinate: string; grant: FieldGrant }
  | {
      kind: 'bound';
      direction: 'widened' | 'narrowed';
      /** `reach`: how far back; `omission`: whether the argument may be left out. */
      aspect: 'reach' | 'omission';
      coordinate: string;
      argument: string;
      before: ArgumentReach;
      after: ArgumentReach;
    }
  | { kind: 'validity'; direction: 'widened' | 'narrowed'; period: Period }
  | { kind: 'scope'; direction: 'widened' | 'narrowed'; before: string; after: string }
  | { kind: 'capacity'; direction: 'widened' | 'narrowed'; code: string }
  | { kind: 'text'; what: 'title' | 'legalBasis'; before: string; after: string };

/** What changed in one authorization for one purpose: the unit a partner's access is decided on. */
export interface AuthorizationDiff {
  id: string;
  partner: string;
  purpose: string;
  /** `added`: the authorization (or this purpose of it) is new; `removed`: it is gone; `changed`: both exist. */
  status: 'added' | 'removed' | 'changed';
  /** The authorization as it is now (undefined when removed) and as it was (undefined when added). */
  head: Authorization | undefined;
  base: Authorization | undefined;
  changes: PolicyChange[];
}

/** Whether a change gives a partner more than before: the changes that need a case showing them. */
export function isWidening(change: PolicyChange): boolean {
  switch (change.kind) {
    case 'field':
      return change.direction === 'granted';
    case 'text':
      return false;
    default:
      return change.direction === 'widened';
  }
}

export function isNarrowing(change: PolicyChange): boolean {
  switch (change.kind) {
    case 'field':
      return change.direction === 'withdrawn';
    case 'text':
      return false;
    default:
      return change.direction === 'narrowed';
  }
}

const keyOf = (a: Authorization, purpose: string): string => `${a.partner}\n${purpose}\n${a.id}`;

function entries(set: PolicySet | undefined): Map<string, { authorization: Authorization; purpose: string }> {
  const map = new Map<string, { authorization: Authorization; purpose: string }>();
  for (const authorization of set?.authorizations ?? []) {
    for (const purpose of authorization.purposes) map.set(keyOf(authorization, purpose), { authorization, purpose });
  }
  return map;
}

/**
 * Compares two loaded policy sets, authorization by authorization and purpose
 * by purpose (a partner's access is decided per purpose). An authorization
 * that gains a purpose is new for that purpose, with everything it grants; one
 * that changes partner is removed from the old partner and added to the new.
 * Sorted by partner, purpose, authorization id.
 */
export function diffPolicySets(base: PolicySet | undefined, head: PolicySet): AuthorizationDiff[] {
  const before = entries(base);
  const after = entries(head);
  const diffs: AuthorizationDiff[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(key);
    const now = after.get(key);
    const template = (now ?? was)!;
    const common = { id: template.authorization.id, partner: template.authorization.partner, purpose: template.purpose };
    if (now && !was) {
      const changes = allFields(now.authorization).map((f): PolicyChange => ({ kind: 'field', direction: 'granted', ...f }));
      diffs.push({ ...common, status: 'added', head: now.authorization, base: undefined, changes });
    } else if (was && !now) {
      const changes = allFields(was.authorization).map((f): PolicyChange => ({ kind: 'field', direction: 'withdrawn', ...f }));
      diffs.push({ ...common, status: 'removed', head: undefined, base: was.authorization, changes });
    } else if (was && now) {
      const changes = compareAuthorizations(was.authorization, now.authorization);
      if (changes.length > 0) diffs.push({ ...common, status: 'changed', head: now.authorization, base: was.authorization, changes });
    }
  }
  return diffs;
}

function allFields(a: Authorization): { coordinate: string; grant: FieldGrant }[] {
  return Object.entries(a.grants)
    .flatMap(([type, grants]) => grants.map((grant) => ({ coordinate: `${type}.${grant.field}`, grant })))
    .sort((x, y) => (x.coordinate < y.coordinate ? -1 : x.coordinate > y.coordinate ? 1 : 0));
}

function compareAuthorizations(base: Authorization, head: Authorization): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const baseFields = new Map(allFields(base).map((f) => [f.coordinate, f.grant]));
  const headFields = new Map(allFields(head).map((f) => [f.coordinate, f.grant]));
  for (const coordinate of [...new Set([...baseFields.keys(), ...headFields.keys()])].sort()) {
    const was = baseFields.get(coordinate);
    const now = headFields.get(coordinate);
    if (now && !was) changes.push({ kind: 'field', direction: 'granted', coordinate, grant: now });
    else if (was && !now) changes.push({ kind: 'field', direction: 'withdrawn', coordinate, grant: was });
    else if (was && now) changes.push(...compareReach(coordinate, was, now));
  }

  const validity = (a: Authorization): Period => ({ from: a.validFrom, until: a.validUntil });
  for (const period of periodsMinus(validity(head), validity(base))) changes.push({ kind: 'validity', direction: 'widened', period });
  for (const period of periodsMinus(validity(base), validity(head))) changes.push({ kind: 'validity', direction: 'narrowed', period });

  const [scopeBefore, scopeAfter] = [scopeOf(base), scopeOf(head)];
  if (scopeBefore.scope !== scopeAfter.scope) {
    // `all` reaches every person; any other scope reaches only some of them.
    const direction = scopeAfter.scope === 'all' ? 'widened' : scopeBefore.scope === 'all' ? 'narrowed' : 'widened';
    changes.push({ kind: 'scope', direction, before: scopeBefore.scope, after: scopeAfter.scope });
  }
  // Capacities only limit a scope other than `all`: under `all`, every person is reached whatever they list.
  if (scopeAfter.scope !== 'all' && scopeBefore.scope === scopeAfter.scope) {
    for (const code of scopeAfter.capacities.filter((c) => !scopeBefore.capacities.includes(c))) {
      changes.push({ kind: 'capacity', direction: 'widened', code });
    }
    for (const code of scopeBefore.capacities.filter((c) => !scopeAfter.capacities.includes(c))) {
      changes.push({ kind: 'capacity', direction: 'narrowed', code });
    }
  }

  if (base.title !== head.title) changes.push({ kind: 'text', what: 'title', before: base.title, after: head.title });
  if (base.legalBasis !== head.legalBasis) {
    changes.push({ kind: 'text', what: 'legalBasis', before: base.legalBasis, after: head.legalBasis });
  }
  return changes;
}

/** The reach of a grant through one argument: whole history and unbounded arguments reach everything. */
export function reachOf(grant: FieldGrant, argument: string): ArgumentReach {
  if (grant.history === 'whole') return { months: null, omitted: true };
  const bound: DateArgumentBound | undefined = grant.arguments?.[argument];
  if (!bound) return { months: null, omitted: true };
  return { months: bound.notBeforeMonthsAgo ?? 0, omitted: bound.allowOmitted === true };
}

function compareReach(coordinate: string, base: FieldGrant, head: FieldGrant): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const argumentsOf = (g: FieldGrant): string[] => Object.keys(g.arguments ?? {});
  // Arguments bounded on either side; `history: whole` on one side counts as "no bound" for the other side's arguments.
  for (const argument of [...new Set([...argumentsOf(base), ...argumentsOf(head)])].sort()) {
    const before = reachOf(base, argument);
    const after = reachOf(head, argument);
    const common = { kind: 'bound' as const, coordinate, argument, before, after };
    if (before.months !== after.months) {
      const widened = after.months === null || (before.months !== null && after.months > before.months);
      changes.push({ ...common, direction: widened ? 'widened' : 'narrowed', aspect: 'reach' });
    }
    if (before.omitted !== after.omitted)
      changes.push({ ...common, direction: after.omitted ? 'widened' : 'narrowed', aspect: 'omission' });
  }
  return changes;
}
