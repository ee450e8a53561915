/**
 * @module Listing the files of a tree. In a git work tree `git ls-files` gives exactly what
 * .gitignore keeps (tracked plus untracked-not-ignored); elsewhere a walk applies .gitignore files
 * with the `ignore` package. Symlinks are never followed; submodules are listed as skipped.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { runGit } from '../git.ts';
import type { SkipNote } from '../types.ts';

export interface ListedFile {
  path: string;
  bytes: number;
}

export interface FileListing {
  files: ListedFile[];
  skipped: SkipNote[];
}

/** Lists regular files under root (POSIX relative paths), skipping symlinks and submodules. */
export async function listFiles(root: string, isGitWorkTree: boolean): Promise<FileListing> {
  const skipped: SkipNote[] = [];
  const paths = isGitWorkTree ? await listWithGit(root, skipped) : null;
  const candidates = paths ?? (await walk(root, skipped));
  const files: ListedFile[] = [];
  await mapLimit(candidates, 64, async (path) => {
    try {
      const stat = await lstat(join(root, path));
      if (stat.isSymbolicLink())
        skipped.push({ stage: 'inventory', path, reason: 'symbolic link: not followed' });
      else if (stat.isDirectory())
        skipped.push({
          stage: 'inventory',
          path,
          reason: 'submodule or nested repository: not audited',
        });
      else if (stat.isFile()) files.push({ path, bytes: stat.size });
    } catch {
      skipped.push({
        stage: 'inventory',
        path,
        reason:
          'listed by git but not readable in the work tree (deleted, or a name that is not valid UTF-8)',
      });
    }
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

async function listWithGit(root: string, skipped: SkipNote[]): Promise<string[] | null> {
  const listed = await runGit(
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', '.'],
    { cwd: root },
  );
  if (!listed.ok) {
    skipped.push({
      stage: 'inventory',
      reason: `git ls-files failed (${listed.error}); walking the folder instead`,
    });
    return null;
  }
  return listed.value.split('\0').filter((path) => path.length > 0);
}

async function walk(root: string, skipped: SkipNote[]): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, rules: { base: string; ig: Ignore }[]): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch (error) {
      skipped.push({
        stage: 'inventory',
        path: dir || '.',
        reason: `cannot read folder: ${(error as Error).message}`,
      });
      return;
    }
    const ownRules = await readIgnore(root, dir);
    const active = ownRules ? [...rules, { base: dir, ig: ownRules }] : rules;
    const isIgnored = (rel: string, isDir: boolean): boolean =>
      active.some(({ base, ig }) =>
        ig.ignores((base ? rel.slice(base.length + 1) : rel) + (isDir ? '/' : '')),
      );
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (isIgnored(rel, entry.isDirectory())) continue;
      if (entry.isDirectory()) subdirs.push(rel);
      else out.push(rel);
    }
    for (const sub of subdirs) await visit(sub, active);
  };
  await visit('', []);
  return out;
}

async function readIgnore(root: string, dir: string): Promise<Ignore | null> {
  try {
    return ignore().add(await readFile(join(root, dir, '.gitignore'), 'utf8'));
  } catch {
    return null;
  }
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
