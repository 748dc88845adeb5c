// A database (in memory or real) whose deletions stop after a given number, as if
// the job making them were killed there: archival must leave, after any of its
// deletions, a trail that verifies and that its next run finishes.
import type { Collection, Db } from 'mongodb';

export class Killed extends Error {}

/**
 * The same database, through which `allowed` delete calls go and the next one
 * throws Killed, as if the job had been killed before making it. `deletions`
 * counts the calls that went through.
 */
export function killedAfter(db: Db, allowed = Infinity): { db: Db; deletions: () => number } {
  let deletions = 0;
  const bound = (target: object, prop: string | symbol): unknown => {
    const value: unknown = Reflect.get(target, prop, target);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  const collection = (target: Collection): Collection =>
    new Proxy(target, {
      get(c, prop) {
        const value = bound(c, prop);
        if (prop !== 'deleteOne' && prop !== 'deleteMany') return value;
        return (...args: unknown[]) => {
          if (deletions >= allowed) return Promise.reject(new Killed(`killed before deletion ${deletions + 1}`));
          deletions++;
          return (value as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const value = bound(target, prop);
      if (prop !== 'collection') return value;
      return (...args: unknown[]) => collection((value as (...a: unknown[]) => Collection)(...args));
    },
  });
  return { db: wrapped, deletions: () => deletions };
}
