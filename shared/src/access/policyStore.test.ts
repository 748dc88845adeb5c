import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApiSchema } from '../authz/apiSchemaFromSupergraph.js';
import { policyDirWith } from '../authz/__fixtures__/policyDirWith.js';
import { PolicyLoadError } from '../authz/PolicyLoadError.js';
import { createLogger } from '../logger.js';
import { createPolicyStore } from './policyStore.js';

const schema = readApiSchema();
const logger = createLogger('policy-store-test');
logger.level = 'silent';

describe('the policy store', () => {
  it('refuses to start on a broken set', () => {
    expect(() => createPolicyStore({ dir: policyDirWith(['unknown-type']), schema, logger })).toThrow(PolicyLoadError);
  });

  it('replaces the set whole on a reload of valid files', () => {
    const dir = policyDirWith(['valid']);
    const store = createPolicyStore({ dir, schema, logger });
    const before = store.current();
    const file = path.join(dir, 'ISC-24-900.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: A valid authorization', 'title: A renamed authorization'));

    expect(store.reload()).toBe(true);
    expect(store.current()).not.toBe(before);
    expect(store.current().authorizations.map((a) => a.title)).toEqual(['A renamed authorization']);
    // A request that started before the reload keeps the set it read.
    expect(before.authorizations.map((a) => a.title)).toEqual(['A valid authorization']);
  });

  it('keeps the set in force when a reload finds a problem', () => {
    const dir = policyDirWith(['valid']);
    const store = createPolicyStore({ dir, schema, logger });
    const before = store.current();
    const file = path.join(dir, 'ISC-24-900.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  PersonName: [lastName]', '  PersonName: [lastName, nickname]'));

    expect(store.reload()).toBe(false);
    expect(store.current()).toBe(before);
  });
});
