import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A policy directory as it was at a git commit, written out to a temporary directory. */
export interface PolicyDirAtRef {
  /** The ref as given (`main`, `HEAD~3`, a commit id). */
  ref: string;
  /** The full commit id it names. */
  commit: string;
  /** A temporary copy of the directory's files at that commit; undefined when the directory did not exist there. */
  dir: string | undefined;
  /** Removes the temporary copy. */
  dispose(): void;
}

/** Why a ref could not be read: not a git repository, an unknown ref. The message names no file content. */
export class GitRefError extends Error {
  override name = 'GitRefError';
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** The top of the git work tree that holds `dir`, or undefined when it is not in one (a tarball, an exported copy). */
export function gitTopLevel(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or undefined when it names none. */
export function resolveCommit(dir: string, ref: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the files of `dir` (a directory inside a git work tree) as they were
 * at `ref`, with `git ls-tree` and `git cat-file`: nothing is checked out, the
 * work tree and the index are not touched. The copy lets the project's own
 * loader read the old set exactly as it reads the current one, so that what
 * is compared is what each set enforces, not YAML text.
 */
export function policyDirAtRef(dir: string, ref: string): PolicyDirAtRef {
  const top = gitTopLevel(dir);
  if (!top) throw new GitRefError(`${dir} is not inside a git repository, so there is no ${ref} to compare with`);
  const commit = resolveCommit(top, ref);
  if (!commit) throw new GitRefError(`${ref} is not a commit of this repository (try a branch, a tag or a commit id)`);
  // Relative to the top, with forward slashes as git writes paths.
  const prefix = path.relative(fs.realpathSync(top), fs.realpathSync(dir)).split(path.sep).join('/');
  const listing = git(top, ['ls-tree', '-r', '-z', '--name-only', commit, '--', prefix === '' ? '.' : `${prefix}/`]);
  const files = listing.split('\0').filter((f) => f !== '');
  if (files.length === 0) return { ref, commit, dir: undefined, dispose: () => undefined };

  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-policies-at-ref-'));
  try {
    for (const file of files) {
      const relative = prefix === '' ? file : file.slice(prefix.length + 1);
      const target = path.join(copy, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, execFileSync('git', ['cat-file', 'blob', `${commit}:${file}`], { cwd: top, maxBuffer: 64 * 1024 * 1024 }));
    }
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
  return { ref, commit, dir: copy, dispose: () => fs.rmSync(copy, { recursive: true, force: true }) };
}

/**
 * The base that `policies:check` compares the work tree with when none is
 * given: the merge base of HEAD and `main` (what a review branch changed,
 * committed or not), or HEAD itself when there is no `main` or HEAD is on it
 * (then only uncommitted changes count). Undefined outside git.
 */
export function defaultBase(dir: string): string | undefined {
  const top = gitTopLevel(dir);
  if (!top) return undefined;
  if (!resolveCommit(top, 'HEAD')) return undefined; // a repository without a commit yet
  if (resolveCommit(top, 'main')) {
    try {
      const base = git(top, ['merge-base', 'HEAD', 'main']).trim();
      if (base) return base;
    } catch {
      // No common ancestor (a shallow clone): fall back to HEAD.
    }
  }
  return 'HEAD';
}
