/** @module Runs the real `keel` command in a child process and collects what it printed. */
import { spawn } from 'node:child_process';

export interface KeelRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKeel(
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<KeelRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/keel.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin ?? '');
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
