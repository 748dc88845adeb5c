import fs from 'node:fs';

/** Written by `npm run build` (gateway/src/cli/compose.ts), read at start; checked for freshness by a test. */
export const supergraphPath = new URL('../supergraph.graphql', import.meta.url);

export function readSupergraph(): string {
  if (!fs.existsSync(supergraphPath)) {
    throw new Error('gateway/supergraph.graphql is missing: run `npm run build` to compose it.');
  }
  return fs.readFileSync(supergraphPath, 'utf8');
}
