import fs from 'node:fs';
import { expect, it } from 'vitest';
import { composeSupergraph } from './composeSupergraph.js';
import { supergraphPath } from './supergraphFile.js';

it('the subgraphs compose, and gateway/supergraph.graphql is what they compose to', () => {
  expect(fs.readFileSync(supergraphPath, 'utf8')).toBe(composeSupergraph());
});
