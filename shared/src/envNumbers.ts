import { readSettings } from './config/readSettings.js';
import { settings, type SettingName } from './config/settings.js';

/**
 * A whole-number setting (a cache's size or lifetime, where 0 turns the cache
 * off) read through its entry in the settings registry (config/settings.ts):
 * undefined when unset or empty, so the caller's default applies; a value the
 * schema refuses (out of range, not digits) throws the registry's refusal,
 * `NAME="value": expected …`.
 */
export function wholeNumberFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  if (!(name in settings)) throw new Error(`${name} is not in the settings registry (shared/src/config/settings.ts): declare it there.`);
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = readSettings([name as SettingName], env)[name as SettingName];
  if (typeof parsed !== 'number') throw new Error(`${name} is not a whole-number setting.`);
  return parsed;
}
