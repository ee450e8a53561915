/** @module Thin wrappers over the `git` CLI: one-shot commands and streamed output. */
import { spawn } from 'node:child_process';
import type { Result } from './types.ts';
import { err, ok } from './types.ts';

/** Never prompt, never page, never run external diff or text-conversion drivers. */
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' };
const SAFE_CONFIG = [
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.external=',
  '-c',
  'core.fsmonitor=false',
];

export interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git and collects its output (for small outputs only). */
export function runGit(args: string[], cwd: string, input?: string): Promise<Result<GitRun>> {
  return new Promise((resolve) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], {
      cwd,
      env: GIT_ENV,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => errOut.push(chunk));
    child.on('error', (error) => resolve(err(`could not run git: ${error.message}`)));
    child.on('close', (code) =>
      resolve(
        ok({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(errOut).toString('utf8'),
          code: code ?? 1,
        }),
      ),
    );
    if (child.stdin) {
      // git may exit before reading its input; that is its answer, not a crash.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

/** Queued output bounds: git pauses above HIGH and resumes below LOW (characters). */
const HIGH_WATER = 32 * 1024 * 1024;
const LOW_WATER = 8 * 1024 * 1024;
/** How long one drain may run before yielding so the pipe keeps being read. */
const SLICE_MS = 20;

/**
 * Runs git and feeds its stdout, decoded as UTF-8, to `onText` chunk by chunk. Chunks are
 * queued and consumed in time slices, so git keeps writing on the other core while we scan
 * instead of blocking on a full pipe; the queue is bounded by pausing the pipe.
 */
export function streamGit(
  args: string[],
  cwd: string,
  onText: (text: string) => void,
): Promise<Result<{ stderr: string }>> {
  return new Promise((resolve) => {
    const child = spawn('git', [...SAFE_CONFIG, ...args], {
      cwd,
      env: GIT_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errOut: Buffer[] = [];
    const queue: string[] = [];
    let head = 0;
    let queued = 0;
    let failure: string | undefined;
    let exitCode: number | null | undefined;
    let isScheduled = false;
    let isDone = false;
    const finish = (): void => {
      if (isDone) return;
      isDone = true;
      const stderr = Buffer.concat(errOut).toString('utf8');
      if (failure) resolve(err(failure));
      else if (exitCode !== 0)
        resolve(
          err(`git ${args[0]} failed: ${stderr.trim().split('\n')[0] ?? `exit ${exitCode}`}`),
        );
      else resolve(ok({ stderr }));
    };
    const drain = (): void => {
      isScheduled = false;
      const deadline = performance.now() + SLICE_MS;
      while (head < queue.length && performance.now() < deadline) {
        const text = queue[head]!;
        queue[head++] = '';
        queued -= text.length;
        if (failure) continue;
        try {
          onText(text);
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
          child.kill();
        }
      }
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      }
      if (queued < LOW_WATER && child.stdout.isPaused()) child.stdout.resume();
      if (queue.length > 0) schedule();
      else if (exitCode !== undefined) finish();
    };
    const schedule = (): void => {
      if (isScheduled) return;
      isScheduled = true;
      setImmediate(drain);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      queue.push(text);
      queued += text.length;
      if (queued > HIGH_WATER) child.stdout.pause();
      schedule();
    });
    child.stderr.on('data', (chunk: Buffer) => errOut.push(chunk));
    child.on('error', (error) => {
      failure ??= `could not run git: ${error.message}`;
      exitCode = -1;
      schedule();
    });
    child.on('close', (code) => {
      exitCode = code;
      if (queue.length === 0 && !isScheduled) finish();
      else schedule();
    });
  });
}

/** True when `dir` is inside a git work tree. */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  const result = await runGit(['rev-parse', '--is-inside-work-tree'], dir);
  return result.ok && result.value.code === 0 && result.value.stdout.trim() === 'true';
}

/** Reads blobs such as `HEAD:path` in one `git cat-file --batch` process. */
export async function readBlobs(cwd: string, specs: string[]): Promise<Map<string, string>> {
  const usable = specs.filter((spec) => !spec.includes('\n'));
  const found = new Map<string, string>();
  if (usable.length === 0) return found;
  const child = spawn('git', ['cat-file', '--batch'], {
    cwd,
    env: GIT_ENV,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  child.stdin.end(usable.join('\n') + '\n');
  await closed;
  const data = Buffer.concat(chunks);
  let pos = 0;
  for (const spec of usable) {
    const headerEnd = data.indexOf(10, pos);
    if (headerEnd === -1) break;
    const header = data.subarray(pos, headerEnd).toString('utf8');
    pos = headerEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<spec> missing"
    const size = Number(match[2]);
    if (match[1] === 'blob') found.set(spec, data.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return found;
}
