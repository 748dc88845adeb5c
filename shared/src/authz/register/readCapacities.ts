import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type Names } from './dataNames.js';

/** A capacity code of the reference directory, with what the register says of it. */
export interface Capacity {
  code: string;
  names: Partial<Names>;
  description?: string;
}

/**
 * `authz-policies/capacities.yaml`, when it exists (issue #12): the capacities
 * a `followed` scope may name. Read for the names only: the loader checks the
 * file, and a code the list lacks is shown as its code. Tolerant of the names
 * being beside the code or under `name`/`names`.
 */
export function readCapacities(dir: string): Map<string, Capacity> {
  const file = path.join(dir, 'capacities.yaml');
  const capacities = new Map<string, Capacity>();
  if (!fs.existsSync(file)) return capacities;
  const data: unknown = parse(fs.readFileSync(file, 'utf8'));
  const entries = Array.isArray(data) ? data : [];
  for (const entry of entries as Record<string, unknown>[]) {
    if (!entry || typeof entry.code !== 'string') continue;
    const nested = (entry.names ?? entry.name) as Record<string, unknown> | undefined;
    const names: Partial<Names> = {};
    for (const lang of ['nl', 'fr', 'en'] as const) {
      const value = (nested && typeof nested === 'object' ? nested[lang] : undefined) ?? entry[lang];
      if (typeof value === 'string' && value !== '') names[lang] = value;
    }
    capacities.set(entry.code, {
      code: entry.code,
      names,
      ...(typeof entry.description === 'string' && { description: entry.description }),
    });
  }
  return capacities;
}
