/** @module Running git for the audit: argument arrays only (never a shell), bounded output, no prompts. */
import { execFile } from 'node:child_process';
import { err, ok, type Result } from './result.ts';

export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
};

/** Runs git and returns stdout, or the first line of stderr as the error. */
export function runGit(
  args: string[],
  options: { cwd: string; timeoutMs?: number; maxBuffer?: number },
): Promise<Result<string>> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: GIT_ENV,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const reason =
            stderr.trim().split('\n').pop() || error.message.split('\n')[0] || 'git failed';
          resolve(err(reason));
        } else resolve(ok(stdout));
      },
    );
  });
}

export interface RepoProbe {
  isRepo: boolean;
  isBare: boolean;
  isShallow: boolean;
  hasCommits: boolean;
  commit: string | null;
  branch: string | null;
  /** The folder's path inside the work tree ('' at the top), so history can be limited to it. */
  prefix: string;
}

/** Tells whether a folder is inside a git repository and what kind. */
export async function probeRepo(path: string): Promise<RepoProbe> {
  const probe = await runGit(
    [
      'rev-parse',
      '--is-inside-work-tree',
      '--is-bare-repository',
      '--is-shallow-repository',
      '--show-prefix',
    ],
    { cwd: path },
  );
  if (!probe.ok)
    return {
      isRepo: false,
      isBare: false,
      isShallow: false,
      hasCommits: false,
      commit: null,
      branch: null,
      prefix: '',
    };
  const [, bare, shallow, prefix] = probe.value.split('\n');
  const head = await runGit(['rev-parse', '--verify', '-q', 'HEAD'], { cwd: path });
  const branch = await runGit(['symbolic-ref', '-q', '--short', 'HEAD'], { cwd: path });
  return {
    isRepo: true,
    isBare: bare === 'true',
    isShallow: shallow === 'true',
    hasCommits: head.ok && head.value.trim().length > 0,
    commit: head.ok ? head.value.trim() || null : null,
    branch: branch.ok ? branch.value.trim() || null : null,
    prefix: bare === 'true' ? '' : (prefix ?? '').trim(),
  };
}
