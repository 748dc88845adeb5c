import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApiSchema } from '../authz/apiSchemaFromSupergraph.js';
import { policyDirWith } from '../authz/__fixtures__/policyDirWith.js';
import { PolicyLoadError } from '../authz/PolicyLoadError.js';
import { createLogger } from '../logger.js';
import { createPolicyStore } from './policyStore.js';
import { pino } from 'pino';
import { Writable } from 'node:stream';

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

  it('reports its version, and a refused reload loudly: an error log and a status naming every file and line', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
    const captured = pino({ level: 'info' }, sink);
    const dir = policyDirWith(['valid']);
    const store = createPolicyStore({ dir, schema, logger: captured });
    const loaded = store.status();
    expect(loaded).toEqual({
      version: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      loadedAt: expect.any(String),
      reloads: 0,
      lastReload: null,
    });

    const file = path.join(dir, 'ISC-24-900.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('PersonName: [lastName]')) + 1;
    fs.writeFileSync(file, text.replace('  PersonName: [lastName]', '  PersonName: [lastName, nickname]'));
    expect(store.reload()).toBe(false);
    const refused = store.status();
    expect(refused).toMatchObject({ version: loaded.version, loadedAt: loaded.loadedAt, reloads: 1 });
    expect(refused.lastReload).toEqual({
      at: expect.any(String),
      outcome: 'refused',
      problems: [{ file: 'ISC-24-900.yaml', line, message: expect.stringContaining('nickname') }],
    });
    const error = lines.find((l) => l['level'] === 50);
    expect(error?.['msg']).toMatch(new RegExp(`^policy reload refused \\(1 problem\\(s\\), first ISC-24-900\\.yaml:${line}: `));
    expect(error?.['problems']).toEqual([expect.stringMatching(new RegExp(`^ISC-24-900\\.yaml:${line}: .*nickname`))]);

    fs.writeFileSync(file, text.replace('title: A valid authorization', 'title: A renamed authorization'));
    expect(store.reload()).toBe(true);
    expect(store.status()).toMatchObject({ reloads: 2, lastReload: { outcome: 'loaded', problems: [] } });
    expect(store.status().version).not.toBe(loaded.version);
  });

  it('refuses a set that its process cannot put in force (the gateway: a partner key), keeping the one in force', () => {
    const dir = policyDirWith(['valid']);
    let refuse = false;
    const store = createPolicyStore({
      dir,
      schema,
      logger,
      prepare: () => {
        if (refuse)
          throw new PolicyLoadError([
            { file: 'partners.yaml', line: 3, message: 'partner capac: jwks file capac.jwks.json is a development key' },
          ]);
      },
    });
    const before = store.current();
    refuse = true;
    expect(store.reload()).toBe(false);
    expect(store.current()).toBe(before);
    expect(store.status().lastReload?.problems).toEqual([
      { file: 'partners.yaml', line: 3, message: 'partner capac: jwks file capac.jwks.json is a development key' },
    ]);
    expect(() =>
      createPolicyStore({
        dir,
        schema,
        logger,
        prepare: () => {
          throw new Error('no keys');
        },
      }),
    ).toThrow('no keys');
  });
});
