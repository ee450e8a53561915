/** @module Test factory: small real git repositories in temp folders, with fixed authors and dates. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CommitSpec {
  files: Record<string, string | Buffer | null>;
  author?: string;
  email?: string;
  /** ISO date or epoch seconds; defaults to a fixed recent date. */
  date?: string;
  message?: string;
}

export interface TestRepo {
  root: string;
  git: (...args: string[]) => string;
  commit: (spec: CommitSpec) => void;
  write: (files: Record<string, string | Buffer | null>) => void;
  cleanup: () => void;
}

/** Writes files into a new temp folder; with `git: true` it is initialised as a repository. */
export function buildRepo(options: { git?: boolean } = {}): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'keel-audit-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
    });
  const write = (files: Record<string, string | Buffer | null>): void => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(root, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  };
  if (options.git !== false) {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');
    git('config', 'commit.gpgsign', 'false');
  }
  const commit = (spec: CommitSpec): void => {
    write(spec.files);
    git('add', '-A');
    const date = spec.date ?? new Date(Date.now() - 86_400_000).toISOString();
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', spec.message ?? 'change'], {
      cwd: root,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: root,
        GIT_AUTHOR_NAME: spec.author ?? 'Ada',
        GIT_AUTHOR_EMAIL: spec.email ?? `${(spec.author ?? 'ada').toLowerCase()}@example.com`,
        GIT_COMMITTER_NAME: 'Ci',
        GIT_COMMITTER_EMAIL: 'ci@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
  };
  return {
    root,
    git,
    commit,
    write,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An ISO date `days` before now, for commits inside or outside the window. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}
