import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentReadme } from './configurationTable.js';
import { ConfigError, checkSettings, readSettings, setting } from './readSettings.js';
import { repoRoot } from './repoRoot.js';
import { settingNames, settings, settingsOf, type SettingSpec } from './settings.js';

function refusal(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('the settings schema', () => {
  it('refuses the values the issue found, naming the variable, the value and what is expected', () => {
    expect(refusal(() => readSettings(['PERSONS_MAX_BATCH'], { PERSONS_MAX_BATCH: 'abc' }))).toEqual([
      'PERSONS_MAX_BATCH="abc": expected a whole number from 1 to 10,000',
    ]);
    expect(refusal(() => readSettings(['SUBGRAPH_TIMEOUT_MS'], { SUBGRAPH_TIMEOUT_MS: '5s' }))).toEqual([
      'SUBGRAPH_TIMEOUT_MS="5s": expected a whole number of milliseconds from 100 to 300,000',
    ]);
  });

  it.each(['1e3', '-1', '2.5', ' 5000', '0x10', '5000ms', '∞'])('reads no guess into %j: only digits are a whole number', (value) => {
    expect(refusal(() => setting('SUBGRAPH_TIMEOUT_MS', { SUBGRAPH_TIMEOUT_MS: value }))).toHaveLength(1);
  });

  it('refuses a number outside its range, at both ends', () => {
    expect(refusal(() => setting('PERSONS_MAX_BATCH', { PERSONS_MAX_BATCH: '0' }))).toEqual([
      'PERSONS_MAX_BATCH="0": expected a whole number from 1 to 10,000',
    ]);
    expect(refusal(() => setting('PERSONS_MAX_BATCH', { PERSONS_MAX_BATCH: '10001' }))).toHaveLength(1);
    expect(setting('PERSONS_MAX_BATCH', { PERSONS_MAX_BATCH: '10000' })).toBe(10_000);
  });

  it('gives the default when a variable is unset or empty, and the value when it is set', () => {
    expect(readSettings(['PERSONS_MAX_BATCH', 'CROSSROADS_ENV', 'LOG_LEVEL'], { LOG_LEVEL: '' })).toEqual({
      PERSONS_MAX_BATCH: 1000,
      CROSSROADS_ENV: 'production',
      LOG_LEVEL: 'info',
    });
    expect(setting('CROSSROADS_BENCH_DISABLE', { CROSSROADS_BENCH_DISABLE: 'shield, sealing' })).toEqual(['shield', 'sealing']);
    expect(setting('JWKS_DIR', {})).toBeUndefined();
  });

  it('reports every problem at once, so an operator fixes them in one pass', () => {
    const problems = refusal(() =>
      checkSettings('gateway', { SUBGRAPH_TIMEOUT_MS: '5s', LOG_LEVEL: 'loud', PERSONS_URL: 'persons:4001', CROSSROADS_ENV: 'prod' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'CROSSROADS_ENV="prod": expected one of production, development, test, benchmark',
        'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
        'PERSONS_URL="persons:4001": expected an http:// or https:// URL',
        'SUBGRAPH_TIMEOUT_MS="5s": expected a whole number of milliseconds from 100 to 300,000',
        // Required, and unset here.
        'GATEWAY_SIGNING_KEY is not set: expected a private Ed25519 JWK in JSON',
      ]),
    );
  });

  it('never quotes a secret, not even a part of it', () => {
    const secret = 'c2VjcmV0LXBhc3N3b3Jk';
    const env = {
      MONGODB_URI: `mongo://admin:${secret}@db`,
      GATEWAY_SIGNING_KEY: `{"kty":"OKP","crv":"Ed25519","x":"${secret}","d":"${secret}"}`,
      GATEWAY_PUBLIC_KEY: `{"kty":"OKP","crv":"Ed25519","x":"${secret}","d":"${secret}"}`,
      AUDIT_SIGNING_KEY: `{"d":"${secret}"`,
      AUDIT_PUBLIC_KEYS: `[{"d":"${secret}"}]`,
    };
    const problems = refusal(() =>
      readSettings(['MONGODB_URI', 'GATEWAY_SIGNING_KEY', 'GATEWAY_PUBLIC_KEY', 'AUDIT_SIGNING_KEY', 'AUDIT_PUBLIC_KEYS'], env),
    );
    expect(problems).toHaveLength(5);
    for (const problem of problems) {
      expect(problem).not.toContain(secret);
      expect(problem).toMatch(/^[A-Z_]+ \(value not shown\): expected /);
    }
  });

  it('quotes at most 120 characters of a refused value', () => {
    const [problem] = refusal(() => setting('LOG_LEVEL', { LOG_LEVEL: 'x'.repeat(5000) }));
    expect(problem!.length).toBeLessThan(250);
  });

  it.each(settingNames)('%s: its default, written as an operator would, is a value its own schema accepts', (name) => {
    const spec = settings[name] as SettingSpec<unknown>;
    if (spec.default === undefined) return;
    const written = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
    // An empty list is written as an unset variable.
    if (written === '') return;
    expect(spec.schema.parse(written)).toEqual(spec.default);
  });

  it('tells each process the settings it reads', () => {
    expect(settingsOf('gateway')).toEqual(expect.arrayContaining(['SUBGRAPH_TIMEOUT_MS', 'GATEWAY_SIGNING_KEY', 'JWKS_DIR', 'LOG_LEVEL']));
    expect(settingsOf('gateway')).not.toContain('PERSONS_MAX_BATCH');
    expect(settingsOf('persons')).toEqual(expect.arrayContaining(['PERSONS_MAX_BATCH', 'GATEWAY_PUBLIC_KEY', 'AUDIT_SIGNING_KEY']));
    expect(settingsOf('authorizations')).not.toContain('AUDIT_SIGNING_KEY');
  });
});

describe('every variable any process reads is declared in the registry', () => {
  // Read by libraries or the system, not configuration of ours.
  const notOurs = new Set(['XDG_CACHE_HOME', 'APOLLO_TELEMETRY_DISABLED', 'NODE_ENV', 'CI', 'HOME']);

  it('finds no process.env.X, env.X or env["X"] in the sources that the registry does not declare', () => {
    const read = new Map<string, string>();
    const pattern =
      /(?:process\.env|\benv)(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])|(?:FromEnv|read)\((?:env, )?'([A-Z][A-Z0-9_]+)'\)/g;
    for (const file of sourceFiles()) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) {
        const name = match[1] ?? match[2] ?? match[3];
        if (name && !read.has(name)) read.set(name, path.relative(repoRoot, file));
      }
    }
    const undeclared = [...read].filter(([name]) => !(name in settings) && !notOurs.has(name));
    expect(undeclared, 'declare these in shared/src/config/settings.ts').toEqual([]);
    // The scan sees the variables it should: it is not vacuous.
    expect([...read.keys()]).toEqual(expect.arrayContaining(['LOG_LEVEL', 'MONGODB_URI', 'EMPLOYER_CACHE_MAX', 'BENCH_LOG_LEVEL']));
  });
});

it("README.md's configuration table is generated from the registry and current (npm run docs:config)", async () => {
  const { onDisk, generated } = await currentReadme();
  expect(onDisk).toBe(generated);
});

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name) && !/\.(test|e2e)\.ts$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ['shared/src', 'gateway/src', 'subgraphs', 'stack/src', 'db/src', 'bench/src']) walk(path.join(repoRoot, dir));
  return files;
}
