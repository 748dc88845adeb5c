import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repoRoot.js';
import { settingNames, settings, type SettingSpec } from './settings.js';

export const README_FILE = path.join(repoRoot, 'README.md');
const BEGIN = '<!-- configuration table: generated from shared/src/config/settings.ts by npm run docs:config; do not edit -->';
const END = '<!-- end of the configuration table -->';

/**
 * The README's configuration table, from the settings registry, formatted as
 * prettier formats the README (so `npm run check` and this agree).
 */
export async function renderConfigurationTable(): Promise<string> {
  const rows = settingNames.map((name) => {
    const spec = settings[name] as SettingSpec<unknown>;
    const defaultText =
      spec.defaultText ?? (spec.required ? '(required)' : spec.default === undefined ? '(unset)' : `\`${String(spec.default)}\``);
    const value = `${spec.expected}${spec.secret ? ' (never printed)' : ''}`;
    const cells = [`\`${name}\``, spec.readBy.join(', '), defaultText, value, spec.meaning];
    return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  });
  const table = ['| variable | read by | default | value | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(README_FILE)) ?? {};
  return (await prettier.format(table, { ...options, parser: 'markdown' })).trimEnd();
}

/** The README with its configuration table replaced by `table`; throws when the markers are missing. */
export function withConfigurationTable(readme: string, table: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no configuration table markers (${BEGIN} … ${END}).`);
  return `${readme.slice(0, begin + BEGIN.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

export async function currentReadme(): Promise<{ onDisk: string; generated: string }> {
  const onDisk = fs.readFileSync(README_FILE, 'utf8');
  return { onDisk, generated: withConfigurationTable(onDisk, await renderConfigurationTable()) };
}
