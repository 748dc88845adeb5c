import { releasableFrom as releasableFromGrants } from '../authz/dateBounds.js';
import type { AccessContext } from './shieldMiddleware.js';

/** Releases nothing: a call without the gateway's access never gets here (the shield refuses it), and if it did, it gets nothing. */
const NOTHING = '9999-12-31';

/**
 * For a source's resolver whose answer comes in whole periods: the first day a
 * period may start on and still be released for this call (null: no limit).
 * A quarter or month that starts before the earliest day the request's
 * authorizations let it reach is left out, so a request right at the bound
 * (`from` = the earliest day, mid-quarter) never receives the part of the
 * quarter before it. See `releasableFrom` in authz/dateBounds.ts.
 */
export function releasableFrom(context: AccessContext, coordinate: string, argument: string, args: Record<string, unknown>): string | null {
  const access = context.access;
  if (!access) return NOTHING;
  return releasableFromGrants(access.grants, coordinate, argument, args, access.today);
}
