import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { readApiSchema } from '../apiSchemaFromSupergraph.js';
import { loadPolicyCases } from '../loadPolicyCases.js';
import { loadPolicySet } from '../loadPolicySet.js';
import { policyDir } from '../policyPaths.js';
import { BaseSetLoadError, compareWithRef } from './compareWithRef.js';
import { GitRefError } from './policyDirAtRef.js';
import { renderDiffMarkdown } from './renderDiffMarkdown.js';
import { unexercisedWidenings } from './unexercisedWidenings.js';

/**
 * The impact report and the widening check against a real, temporary git
 * repository: the committee's set committed, then changed in the work tree,
 * as on a review branch.
 */
// Each test makes a repository, commits and loads two sets: about a second alone, several on a loaded machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const schema = readApiSchema();
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let repo: string;
let dir: string;

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Committee', '-c', 'user.email=committee@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
const edit = (file: string, from: string | RegExp, to: string): void => {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${String(from)}`);
  fs.writeFileSync(path.join(dir, file), next);
};
const append = (file: string, text: string): void => fs.appendFileSync(path.join(dir, file), text);

beforeAll(() => expect(fs.existsSync(path.join(policyDir, 'ISC-24-017.yaml'))).toBe(true));

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-policies-repo-'));
  onTestFinished(() => fs.rmSync(repo, { recursive: true, force: true }));
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'README.md'), 'before the committee\n');
  git('add', '.');
  git('commit', '-qm', 'start');
  dir = path.join(repo, 'authz-policies');
  fs.cpSync(policyDir, dir, { recursive: true });
  git('add', '.');
  git('commit', '-qm', 'the committee set');
});

/** A widening of each kind: a bound, fields, an end date; a withdrawal; a case added. */
function widen(): void {
  edit('ISC-24-017.yaml', 'from: { notBeforeMonthsAgo: 36 }', 'from: { notBeforeMonthsAgo: 48 }');
  edit('ISC-24-017.yaml', '    - gender\n', '    - gender\n    - birthPlace\n');
  edit(
    'ISC-24-017.yaml',
    '  PersonName: [lastName, firstNames]\n',
    '  PersonName: [lastName, firstNames]\n  Place: [municipality, country]\n',
  );
  edit(
    'ISC-24-017.yaml',
    'Employer: [enterpriseNumber, name, nssoNumber, jointCommittee]',
    'Employer: [enterpriseNumber, name, jointCommittee]',
  );
  edit('ISC-23-058.yaml', 'until: 2024-12-31', 'until: 2025-06-30');
  // The case that said the birth place was refused says the opposite now.
  edit(
    'ISC-24-017.cases.yaml',
    /- name: the birth place is not granted, even under an alias[\s\S]*?uncovered: \[Person.birthPlace, Place.country, Place.municipality\]\n/,
    '',
  );
}

describe('compareWithRef and the impact report', () => {
  it('says so when nothing changed', () => {
    const report = compareWithRef({ dir, ref: 'HEAD', schema });
    expect(report.diffs).toEqual([]);
    expect(report.caseChanges).toEqual([]);
    expect(renderDiffMarkdown(report)).toContain('No change: the same authorizations grant the same data');
  });

  it('reports per partner and purpose what is newly granted or withdrawn, and the cases added or removed', () => {
    widen();
    append(
      'ISC-24-022.cases.yaml',
      `\n- name: a child's first names\n  partner: famiwal\n  purpose: FAMILY_ALLOWANCE\n  query: '{ person(ssin: "03021415813") { name { firstNames } } }'\n  expect: allow\n`,
    );
    const report = compareWithRef({ dir, ref: 'main', schema });
    const markdown = renderDiffMarkdown(report);
    expect(markdown).toMatch(/^# Policy changes: main \([0-9a-f]{10}\) → the working tree$/m);
    expect(markdown).toContain('**5 widenings**, 1 narrowing; cases: 1 added, 1 removed, 0 changed.');
    const section = (partner: string) => markdown.slice(markdown.indexOf(`## ${partner} `)).split(/\n## /)[0]!;
    expect(section('capac')).toContain('### UNEMPLOYMENT_BENEFIT\n\n#### ISC/24/017 (changed)');
    for (const row of [
      '| **granted** | `Person.birthPlace` | not granted | granted |',
      '| **granted** | `Place.country` | not granted | granted |',
      '| **granted** | `Place.municipality` | not granted | granted |',
      '| withdrawn | `Employer.nssoNumber` | granted | not granted |',
      '| **widened** | `Person.quarterlyDeclarations(from)` | 36 months back | 48 months back |',
      '| removed | `ISC-24-017.cases.yaml` | the birth place is not granted, even under an alias | deny |',
    ]) {
      expect(section('capac')).toContain(row);
    }
    expect(section('forem')).toContain('| **widened** | validity | not in force | in force from 2025-01-01 to 2025-06-30 |');
    expect(section('famiwal')).toContain("| added | `ISC-24-022.cases.yaml` | a child's first names | allow |");
    // Untouched authorizations do not appear.
    expect(markdown).not.toContain('ISC/24/045');
  });

  it('compares with a commit where the directory did not exist as with an empty set', () => {
    const report = compareWithRef({ dir, ref: 'HEAD~1', schema });
    expect(report.base).toBeUndefined();
    expect(new Set(report.diffs.map((d) => d.status))).toEqual(new Set(['added']));
    expect(report.diffs.map((d) => d.id)).toContain('ISC/24/060');
  });

  it('refuses an unknown ref, and a base that does not load, rather than compare with nothing', () => {
    expect(() => compareWithRef({ dir, ref: 'no-such-branch', schema })).toThrow(GitRefError);
    edit('ISC-24-022.yaml', 'partner: famiwal', 'partner: famiwall');
    git('commit', '-qam', 'a typo');
    edit('ISC-24-022.yaml', 'partner: famiwall', 'partner: famiwal');
    expect(() => compareWithRef({ dir, ref: 'HEAD', schema })).toThrow(BaseSetLoadError);
  });
});

describe('unexercisedWidenings: every widening needs an allowed case that uses it', () => {
  const problemsNow = () => {
    const head = loadPolicySet({ dir, supergraph: schema });
    const report = compareWithRef({ dir, ref: 'main', schema, head });
    const cases = loadPolicyCases({ dir, set: head, schema });
    return unexercisedWidenings({ diffs: report.diffs, cases, caseChanges: report.caseChanges, schema, dir, baseName: 'main' });
  };

  it('names each widening no case exercises, at its line', () => {
    widen();
    const problems = problemsNow();
    const lineOf = (file: string, line: number) => fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[line - 1]?.trim();
    expect(problems.map((p) => `${p.file}:${lineOf(p.file, p.line)}`)).toEqual([
      'ISC-24-017.yaml:- birthPlace',
      'ISC-24-017.yaml:from: { notBeforeMonthsAgo: 48 }',
      'ISC-24-017.yaml:Place: [municipality, country]',
      'ISC-24-017.yaml:Place: [municipality, country]',
      'ISC-23-058.yaml:valid:',
    ]);
    expect(problems[0]!.message).toBe(
      'ISC/24/017 newly grants Person.birthPlace for UNEMPLOYMENT_BENEFIT since main, but no allowed case in which capac, for UNEMPLOYMENT_BENEFIT, reads Person.birthPlace: add one to ISC-24-017.cases.yaml',
    );
    expect(problems[1]!.message).toContain('gives from a date further back than 36 months');
    expect(problems[4]!.message).toContain('ISC/23/058 is newly in force from 2025-01-01 to 2025-06-30 for JOB_SEEKER_GUIDANCE');
  });

  it('is satisfied by cases that read the new fields, reach past the old bound and fall in the new days', () => {
    widen();
    append(
      'ISC-24-017.cases.yaml',
      `
- name: where the claimant was born
  partner: capac
  purpose: UNEMPLOYMENT_BENEFIT
  query: '{ person(ssin: "85073003328") { birthPlace { municipality country } } }'
  expect: allow
`,
    );
    // Within the old bound: not yet an exercise of the new reach.
    append(
      'ISC-24-017.cases.yaml',
      `
- name: declarations from 40 months back
  partner: capac
  purpose: UNEMPLOYMENT_BENEFIT
  date: 2025-06-15
  query: '{ person(ssin: "85073003328") { quarterlyDeclarations(from: "2022-07-01", to: "2025-03-31") { year } } }'
  expect: allow
`,
    );
    append(
      'ISC-23-058.cases.yaml',
      `
- name: prolonged to June 2025
  partner: forem
  purpose: JOB_SEEKER_GUIDANCE
  date: 2025-06-30
  query: '{ person(ssin: "85073003328") { name { lastName } } }'
  expect: allow
`,
    );
    expect(problemsNow().map((p) => p.message)).toEqual([expect.stringContaining('reach 48 months back (was 36 months back)')]);
    edit('ISC-24-017.cases.yaml', 'from: "2022-07-01"', 'from: "2021-07-01"');
    expect(problemsNow()).toEqual([]);
  });

  it('counts a case of another purpose or partner, or a denied one, as no exercise', () => {
    widen();
    append(
      'ISC-24-017.cases.yaml',
      `
- name: the recovery purpose does not get the birth place
  partner: capac
  purpose: UNDUE_PAYMENT_RECOVERY
  date: 2025-01-15
  query: '{ person(ssin: "85073003328") { birthPlace { municipality country } } }'
  expect: deny
  uncovered: [Person.birthPlace, Place.country, Place.municipality, Query.person]
`,
    );
    expect(problemsNow().map((p) => p.message)).toContainEqual(expect.stringContaining('reads Person.birthPlace'));
  });
});

describe('the commands, as processes', () => {
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'shared/src/authz/cli', script), ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('policies:diff prints the report, and exits 2 on an unknown ref', () => {
    widen();
    const ok = run('policiesDiff.ts', ['main', '--dir', dir]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('| **granted** | `Person.birthPlace` | not granted | granted |');
    const bad = run('policiesDiff.ts', ['no-such-ref', '--dir', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no-such-ref is not a commit of this repository');
    expect(bad.stdout).toBe('');
  });

  it('policies:check fails on a widening without a case, against the merge base with main by default', () => {
    git('checkout', '-q', '-b', 'review');
    edit('ISC-24-022.yaml', '    - gender\n', '    - gender\n    - nationality\n');
    git('commit', '-qam', 'FAMIWAL reads the nationality');
    const check = run('checkPolicies.ts', [dir]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(
      /ISC-24-022\.yaml:\d+: ISC\/24\/022 newly grants Person\.nationality for FAMILY_ALLOWANCE since [0-9a-f]{10}/,
    );
    // Against its own HEAD the committed widening is not a change any more.
    expect(run('checkPolicies.ts', [dir, '--base', 'HEAD']).status).toBe(0);
  });
});
