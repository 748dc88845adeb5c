import { setting } from './readSettings.js';

export type CrossroadsEnv = 'production' | 'development' | 'test' | 'benchmark';

/** CROSSROADS_ENV, checked: `production` when unset, so a forgotten setting errs on the closed side. */
export function crossroadsEnv(env: NodeJS.ProcessEnv = process.env): CrossroadsEnv {
  return setting('CROSSROADS_ENV', env);
}

/**
 * Whether the development keys committed in this repository may be trusted and
 * issuers' key files read from it: on a developer's machine (`development`), in
 * the end-to-end tests (`test`) and in a benchmark (`benchmark`), never in
 * production, where anyone who has read the repository could forge any token.
 */
export function trustsDevelopmentKeys(env: NodeJS.ProcessEnv = process.env): boolean {
  return crossroadsEnv(env) !== 'production';
}
