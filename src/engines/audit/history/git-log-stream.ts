/**
 * @module Streams `git log --numstat -z` and hands each commit to a callback as it is parsed, so
 * memory stays flat whatever the history size. Renames come from git's own detection (`-M`) and
 * author names from `.mailmap` (`%aN`).
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { GIT_ENV } from '../git.ts';
import { err, ok, type Result } from '../result.ts';

export interface CommitFileChange {
  path: string;
  oldPath?: string;
  /** null for binary changes, where git reports no line counts. */
  added: number | null;
  deleted: number | null;
}

export interface LogCommit {
  hash: string;
  author: string;
  time: number;
  files: CommitFileChange[];
}

export interface LogOptions {
  cwd: string;
  /** Restrict to the current folder and print paths relative to it (a sub-folder of a repository). */
  relative: boolean;
  timeoutMs?: number;
  onCommit: (commit: LogCommit) => void;
}

const FORMAT = '%x1e%H%x1f%aN%x1f%at';

export function logArguments(relative: boolean): string[] {
  return [
    '-c',
    'core.quotepath=off',
    '-c',
    'diff.renameLimit=2000',
    'log',
    '--use-mailmap',
    '--no-merges',
    '-M',
    '--numstat',
    '-z',
    `--format=${FORMAT}`,
    ...(relative ? ['--relative'] : []),
    'HEAD',
    '--',
    '.',
  ];
}

/** Runs git log and parses it incrementally; resolves with the number of commits read. */
export function streamGitLog(options: LogOptions): Promise<Result<number>> {
  return new Promise((resolve) => {
    const child = spawn('git', logArguments(options.relative), {
      cwd: options.cwd,
      env: GIT_ENV,
      timeout: options.timeoutMs ?? 600_000,
    });
    const decoder = new StringDecoder('utf8');
    const parser = new LogParser(options.onCommit);
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => parser.push(decoder.write(chunk)));
    child.stderr.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)),
    );
    child.on('error', (error) => resolve(err(`cannot run git log: ${error.message}`)));
    child.on('close', (code, signal) => {
      parser.push(decoder.end());
      parser.finish();
      if (code === 0) resolve(ok(parser.count));
      else
        resolve(
          err(
            signal
              ? `git log stopped (${signal})`
              : stderr.trim().split('\n').pop() || `git log exited ${code}`,
          ),
        );
    });
  });
}

/** The -z numstat grammar: `\x1eHEADER\0` then `\n` and entries `A\tD\tPATH\0` or `A\tD\t\0OLD\0NEW\0`. */
export class LogParser {
  count = 0;
  private rest = '';
  private current: LogCommit | null = null;
  private pendingRename: { added: number | null; deleted: number | null; oldPath?: string } | null =
    null;
  private afterHeader = false;

  constructor(private readonly onCommit: (commit: LogCommit) => void) {}

  push(text: string): void {
    if (!text) return;
    const data = this.rest + text;
    let start = 0;
    let end = data.indexOf('\0', start);
    while (end !== -1) {
      this.token(data.slice(start, end));
      start = end + 1;
      end = data.indexOf('\0', start);
    }
    this.rest = data.slice(start);
  }

  finish(): void {
    if (this.rest) this.token(this.rest);
    this.rest = '';
    this.flush();
  }

  private token(raw: string): void {
    let token = raw;
    if (this.afterHeader && token.startsWith('\n')) token = token.slice(1);
    this.afterHeader = false;
    if (this.pendingRename) {
      if (this.pendingRename.oldPath === undefined) this.pendingRename.oldPath = token;
      else {
        const { added, deleted, oldPath } = this.pendingRename;
        this.current?.files.push({ path: token, oldPath, added, deleted });
        this.pendingRename = null;
      }
      return;
    }
    if (token.startsWith('\x1e')) {
      this.flush();
      const [hash = '', author = '', time = '0'] = token.slice(1).split('\x1f');
      this.current = { hash, author, time: Number(time), files: [] };
      this.afterHeader = true;
      return;
    }
    const firstTab = token.indexOf('\t');
    const secondTab = token.indexOf('\t', firstTab + 1);
    if (firstTab === -1 || secondTab === -1 || !this.current) return;
    const added = parseCount(token.slice(0, firstTab));
    const deleted = parseCount(token.slice(firstTab + 1, secondTab));
    const path = token.slice(secondTab + 1);
    if (path === '') this.pendingRename = { added, deleted };
    else this.current.files.push({ path, added, deleted });
  }

  private flush(): void {
    if (!this.current) return;
    this.count++;
    this.onCommit(this.current);
    this.current = null;
  }
}

function parseCount(text: string): number | null {
  return text === '-' ? null : Number(text);
}
