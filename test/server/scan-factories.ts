/** @module Test data for repositories, audit runs, scan findings: rows and real git repositories. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Db } from '../../src/server/db/database.ts';
import { auditRuns, repositories, securityFindings } from '../../src/server/db/schema.ts';

export function tempFolder(prefix = 'keel-repo-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real git repository in a temp folder, with files and commits. */
export function buildGitRepo(files: Record<string, string>) {
  const dir = tempFolder();
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@acme.test');
  git('config', 'user.name', 'Dev One');
  git('config', 'commit.gpgsign', 'false');
  const write = (more: Record<string, string>) => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
  };
  write(files);
  commit('initial');
  return { dir, git, write, commit, url: `file://${dir}` };
}

export async function createRepositoryRow(
  db: Db,
  clientId: string,
  overrides: Partial<typeof repositories.$inferInsert> = {},
) {
  const [row] = await db
    .insert(repositories)
    .values({
      clientId,
      name: 'app',
      kind: 'path',
      location: tempFolder(),
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createAuditRunRow(db: Db, clientId: string, repositoryId: string) {
  const [row] = await db
    .insert(auditRuns)
    .values({
      clientId,
      repositoryId,
      status: 'succeeded',
      trigger: 'manual',
      score: 7.5,
      level: 'bronze',
    })
    .returning();
  return row!;
}

export async function createFindingRow(
  db: Db,
  clientId: string,
  repositoryId: string,
  overrides: Partial<typeof securityFindings.$inferInsert> = {},
) {
  const [row] = await db
    .insert(securityFindings)
    .values({
      clientId,
      repositoryId,
      kind: 'dependency',
      fingerprint: crypto.randomUUID(),
      severity: 'high',
      title: 'lodash 4.17.15: Prototype Pollution',
      status: 'open',
      ...overrides,
    })
    .returning();
  return row!;
}
