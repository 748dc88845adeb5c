import { settings, settingsOf, type ProcessName, type SettingName, type SettingSpec, type SettingValue } from './settings.js';

/**
 * Thrown when settings are wrong, with every problem, one a line, each as
 * `NAME="value": expected …` (or `NAME (not shown): …` for a secret), so that
 * an operator fixes them in one pass. The processes print it and stop.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Longest part of a refused value quoted back: enough to recognise it, not a wall of text. */
const QUOTE_MAX = 120;

/**
 * Reads settings from the environment through their schemas: the value, or the
 * default when unset or empty. Throws a ConfigError naming every bad or
 * missing one.
 */
export function readSettings<const N extends SettingName>(
  names: readonly N[],
  env: NodeJS.ProcessEnv = process.env,
): { [K in N]: SettingValue<K> } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const spec = settings[name] as SettingSpec<unknown>;
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (spec.required) problems.push(`${name} is not set: expected ${spec.expected}`);
      values[name] = spec.default;
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      values[name] = result.data;
      continue;
    }
    // A key's check explains itself; zod's own messages about a regex or a range say less than `expected`.
    const detail = result.error.issues.find((issue) => issue.code === 'custom' && issue.params?.['explains'] === true)?.message;
    problems.push(`${quote(name, raw, spec.secret === true)}: expected ${spec.expected}${detail ? `; ${detail}` : ''}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as { [K in N]: SettingValue<K> };
}

/** One setting's value (see readSettings). */
export function setting<N extends SettingName>(name: N, env: NodeJS.ProcessEnv = process.env): SettingValue<N> {
  return readSettings([name], env)[name];
}

/**
 * Checks, when a process starts, every setting it reads (from the registry's
 * `readBy`), so that one bad value stops it before it listens, with all the
 * problems at once, rather than when the code that reads it first runs.
 */
export function checkSettings(process: ProcessName, env: NodeJS.ProcessEnv = globalThis.process.env): void {
  readSettings(settingsOf(process), env);
}

function quote(name: string, raw: string, secret: boolean): string {
  if (secret) return `${name} (value not shown)`;
  return `${name}=${JSON.stringify(raw.length > QUOTE_MAX ? `${raw.slice(0, QUOTE_MAX)}…` : raw)}`;
}
