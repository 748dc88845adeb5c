/**
 * A setting given as a whole number ≥ 0 in the environment (a cache's size or
 * lifetime, where 0 turns the cache off); undefined when unset or empty, so the
 * caller's default applies. Anything else stops the start with the variable's name.
 */
export function wholeNumberFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0; got "${value}".`);
  return n;
}
