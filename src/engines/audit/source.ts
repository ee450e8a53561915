/**
 * @module Where the audit reads from: a local folder as given, a bare repository exported to a
 * temporary tree, or a git URL cloned into the cache (`$KEEL_CACHE_DIR` or `.keel-cache/`).
 * URLs that smuggle options or dangerous transports are refused before git sees them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GIT_ENV, probeRepo, runGit, type RepoProbe } from './git.ts';
import { err, ok, type Result } from './result.ts';
import type { SkipNote } from './types.ts';

export interface SourceOptions {
  input: string;
  cacheDir?: string;
  allowFileUrls?: boolean;
  cloneTimeoutMs?: number;
  /** Refuse to clone when the cache's disk has less free space than this. */
  minFreeBytes?: number;
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

const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;

export function isGitUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) || SCP_LIKE.test(input) || /^[a-z][a-z0-9+.-]*::/i.test(input);
}

/** Why a URL is refused, or null when it may be cloned. */
export function refuseUrl(url: string, allowFileUrls = false): string | null {
  if (url.startsWith('-')) return 'a URL may not start with "-" (it would be read as a git option)';
  if (/^[a-z][a-z0-9+.-]*::/i.test(url)) return 'remote-helper URLs such as ext:: are refused';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\0-\x1f\x7f]/.test(url)) return 'a URL may not contain spaces or control characters';
  if (/--upload-pack|--receive-pack|--config/i.test(url)) return 'a URL may not carry git options such as --upload-pack';
  if (/^file:/i.test(url)) return allowFileUrls ? null : 'file:// URLs are refused (audit the folder directly)';
  if (SCP_LIKE.test(url)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !['https', 'http', 'ssh', 'git'].includes(scheme)) return `the ${scheme ?? 'unknown'} transport is refused (use https, ssh or git)`;
  return null;
}

export async function resolveSource(options: SourceOptions): Promise<Result<ResolvedSource>> {
  const notes: SkipNote[] = [];
  if (options.input.startsWith('-')) return err(`refused input: "${options.input}" starts with "-" (it would be read as an option)`);
  if (isGitUrl(options.input)) return cloneSource(options, notes);
  const root = resolve(options.input);
  const info = await stat(root).catch(() => null);
  if (!info) return err(`${options.input}: no such file or folder`);
  if (!info.isDirectory()) return err(`${options.input}: not a folder`);
  const probe = await probeRepo(root);
  if (probe.isBare) return exportBare(root, probe, notes);
  if (!probe.isRepo) notes.push({ stage: 'source', reason: 'not a git repository: the tree is audited, history is skipped' });
  if (probe.isShallow) notes.push({ stage: 'source', reason: 'shallow clone: history is partial and reported as such' });
  if (probe.isRepo && !probe.hasCommits) notes.push({ stage: 'source', reason: 'the repository has no commits yet' });
  return ok({ root, gitDir: root, probe, cleanup: async () => {}, notes });
}

/** A bare repository has no work tree: export HEAD's tree to a temp folder and read history from the bare repo. */
async function exportBare(gitDir: string, probe: RepoProbe, notes: SkipNote[]): Promise<Result<ResolvedSource>> {
  const root = await mkdtemp(join(tmpdir(), 'keel-bare-'));
  const cleanup = (): Promise<void> => rm(root, { recursive: true, force: true });
  notes.push({ stage: 'source', reason: 'bare repository: the files of HEAD were exported to a temporary folder' });
  if (probe.hasCommits) {
    const exported = await exportTree(gitDir, root);
    if (!exported.ok) notes.push({ stage: 'source', reason: `could not export the files of HEAD: ${exported.error}` });
  }
  return ok({ root, gitDir, probe: { ...probe, isBare: true }, cleanup, notes });
}

/** `git archive HEAD | tar -x`, without a shell and without touching the bare repository's index. */
function exportTree(gitDir: string, target: string): Promise<Result<void>> {
  return new Promise((done) => {
    const archive = spawn('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD'], { env: GIT_ENV });
    const tar = spawn('tar', ['-x', '-C', target, '--no-same-owner']);
    archive.stdout.pipe(tar.stdin);
    let failed: string | null = null;
    archive.on('error', (error) => (failed = error.message));
    tar.on('error', (error) => (failed = error.message));
    archive.on('close', (code) => {
      if (code !== 0) failed ??= `git archive exited ${code}`;
    });
    tar.on('close', (code) => done(failed || code !== 0 ? err(failed ?? `tar exited ${code}`) : ok(undefined)));
  });
}

async function cloneSource(options: SourceOptions, notes: SkipNote[]): Promise<Result<ResolvedSource>> {
  const refusal = refuseUrl(options.input, options.allowFileUrls);
  if (refusal) return err(`refused git URL: ${refusal}`);
  const cacheDir = resolve(options.cacheDir ?? process.env.KEEL_CACHE_DIR ?? '.keel-cache');
  await mkdir(cacheDir, { recursive: true });
  const free = await statfs(cacheDir).then((s) => s.bavail * s.bsize).catch(() => Number.POSITIVE_INFINITY);
  const minFree = options.minFreeBytes ?? 1024 ** 3;
  if (free < minFree) return err(`not enough free disk space in ${cacheDir} (${Math.round(free / 1024 ** 2)} MiB free, ${Math.round(minFree / 1024 ** 2)} MiB needed)`);
  const target = join(cacheDir, createHash('sha256').update(options.input).digest('hex').slice(0, 16));
  const gitOptions = ['-c', 'protocol.ext.allow=never', '-c', `protocol.file.allow=${options.allowFileUrls ? 'always' : 'never'}`, '-c', 'core.symlinks=false'];
  const timeoutMs = options.cloneTimeoutMs ?? 300_000;
  if (existsSync(join(target, '.git'))) {
    const fetched = await runGit([...gitOptions, 'fetch', '--quiet', '--prune', 'origin'], { cwd: target, timeoutMs });
    const reset = fetched.ok ? await runGit(['reset', '--quiet', '--hard', '@{upstream}'], { cwd: target }) : fetched;
    if (!reset.ok) notes.push({ stage: 'source', reason: `could not update the cached clone (${reset.error}); auditing the cached copy` });
  } else {
    const cloned = await runGit([...gitOptions, 'clone', '--quiet', '--no-recurse-submodules', '--', options.input, target], { cwd: cacheDir, timeoutMs });
    if (!cloned.ok) {
      await rm(target, { recursive: true, force: true });
      return err(/ETIMEDOUT|timed out|SIGTERM/i.test(cloned.error) ? `clone of ${options.input} timed out after ${timeoutMs / 1000} s` : `clone of ${options.input} failed: ${cloned.error}`);
    }
  }
  const probe = await probeRepo(target);
  if (probe.isShallow) notes.push({ stage: 'source', reason: 'shallow clone: history is partial and reported as such' });
  return ok({ root: target, gitDir: target, probe, cleanup: async () => {}, notes });
}
