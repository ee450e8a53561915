/**
 * @module Where the audit reads from: a local folder as given, a bare repository exported to a
 * temporary tree, or a git URL cloned into the cache (`$KEEL_CACHE_DIR` or `.keel-cache/`).
 * URLs that smuggle options or dangerous transports are refused before git sees them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  cacheDirFor,
  displayUrl,
  fetchSource,
  isGitUrl,
  refuseGitUrl,
} from '../git-source/git-source.ts';
import { GIT_ENV, probeRepo, type RepoProbe } from './git.ts';
import { err, ok, type Result } from './result.ts';
import type { SkipNote } from './types.ts';

export interface SourceOptions {
  input: string;
  cacheDir?: string;
  allowFileUrls?: boolean;
  cloneTimeoutMs?: number;
  /** Refuse to clone when the cache's disk has less free space than this. */
  minFreeBytes?: number;
  /**
   * Access token for an https URL: handed to git through a credential helper reading an
   * environment variable, never on a command line or in the clone's stored URL.
   */
  token?: string;
  /** Where a token goes instead of the URL, in the caller's words (the CLI: `--token-env`). */
  tokenHint?: string;
}

export interface ResolvedSource {
  /** The folder whose files are audited. */
  root: string;
  /** Where git commands run (the bare repository itself for a bare input). */
  gitDir: string;
  probe: RepoProbe;
  cleanup: () => Promise<void>;
  notes: SkipNote[];
}

/** Why a URL is refused, or null when it may be cloned (the shared git-source rules). */
export function refuseUrl(url: string, allowFileUrls = false): string | null {
  return refuseGitUrl(url, { allowFileUrls });
}

export { isGitUrl };

export async function resolveSource(options: SourceOptions): Promise<Result<ResolvedSource>> {
  const notes: SkipNote[] = [];
  if (options.input.startsWith('-'))
    return err(`refused input: "${options.input}" starts with "-" (it would be read as an option)`);
  if (isGitUrl(options.input)) return cloneSource(options, notes);
  const root = resolve(options.input);
  const info = await stat(root).catch(() => null);
  if (!info) return err(`${options.input}: no such file or folder`);
  if (!info.isDirectory()) return err(`${options.input}: not a folder`);
  const probe = await probeRepo(root);
  if (probe.isBare) return exportBare(root, probe, notes);
  if (!probe.isRepo)
    notes.push({
      stage: 'source',
      reason: 'not a git repository: the tree is audited, history is skipped',
    });
  if (probe.isShallow)
    notes.push({
      stage: 'source',
      reason: 'shallow clone: history is partial and reported as such',
    });
  if (probe.isRepo && !probe.hasCommits)
    notes.push({ stage: 'source', reason: 'the repository has no commits yet' });
  return ok({ root, gitDir: root, probe, cleanup: async () => {}, notes });
}

/** A bare repository has no work tree: export HEAD's tree to a temp folder and read history from the bare repo. */
async function exportBare(
  gitDir: string,
  probe: RepoProbe,
  notes: SkipNote[],
): Promise<Result<ResolvedSource>> {
  const root = await mkdtemp(join(tmpdir(), 'keel-bare-'));
  const cleanup = (): Promise<void> => rm(root, { recursive: true, force: true });
  notes.push({
    stage: 'source',
    reason: 'bare repository: the files of HEAD were exported to a temporary folder',
  });
  if (probe.hasCommits) {
    const exported = await exportTree(gitDir, root);
    if (!exported.ok)
      notes.push({
        stage: 'source',
        reason: `could not export the files of HEAD: ${exported.error}`,
      });
  }
  return ok({ root, gitDir, probe: { ...probe, isBare: true }, cleanup, notes });
}

/** `git archive HEAD | tar -x`, without a shell and without touching the bare repository's index. */
function exportTree(gitDir: string, target: string): Promise<Result<void>> {
  return new Promise((done) => {
    const archive = spawn('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD'], {
      env: GIT_ENV,
    });
    const tar = spawn('tar', ['-x', '-C', target, '--no-same-owner']);
    archive.stdout.pipe(tar.stdin);
    let failed: string | null = null;
    archive.on('error', (error) => (failed = error.message));
    tar.on('error', (error) => (failed = error.message));
    archive.on('close', (code) => {
      if (code !== 0) failed ??= `git archive exited ${code}`;
    });
    tar.on('close', (code) =>
      done(failed || code !== 0 ? err(failed ?? `tar exited ${code}`) : ok(undefined)),
    );
  });
}

async function cloneSource(
  options: SourceOptions,
  notes: SkipNote[],
): Promise<Result<ResolvedSource>> {
  const timeoutMs = options.cloneTimeoutMs ?? 300_000;
  const fetched = await fetchSource({
    url: options.input,
    dir: cacheDirFor(options.input, options.cacheDir),
    allowFileUrls: options.allowFileUrls,
    token: options.token,
    tokenHint: options.tokenHint,
    timeoutMs,
    minFreeBytes: options.minFreeBytes ?? 1024 ** 3,
  });
  if (!fetched.ok)
    return err(
      fetched.error.replace(
        'timed out after',
        `clone of ${displayUrl(options.input)} timed out after`,
      ),
    );
  for (const reason of fetched.value.notes) notes.push({ stage: 'source', reason });
  const target = fetched.value.dir;
  const probe = await probeRepo(target);
  return ok({ root: target, gitDir: target, probe, cleanup: async () => {}, notes });
}
