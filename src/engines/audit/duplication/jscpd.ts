/**
 * @module Duplication with jscpd (v5, its Rust engine shipped as a prebuilt binary inside the
 * `jscpd-<platform>` npm package). jscpd 5 has no JavaScript API, so the binary runs as a child
 * process with the audit's own file list and writes its JSON report to a temp folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { err, messageOf, ok, type Result } from '../result.ts';
import type { Clone, DuplicationResult } from '../types.ts';

const require = createRequire(import.meta.url);

/** Path of the jscpd binary for this platform, or null when its package is not installed. */
export function findJscpdBinary(): string | null {
  const libc = process.platform === 'linux' ? (isMusl() ? '-musl' : '-gnu') : process.platform === 'win32' ? '-msvc' : '';
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `jscpd-${os}-${process.arch}${libc}`;
  try {
    const binary = join(dirname(require.resolve(`${name}/package.json`)), 'bin', process.platform === 'win32' ? 'jscpd.exe' : 'jscpd');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return !report?.header?.glibcVersionRuntime;
}

interface JscpdSide { name: string; start: number; end: number }
interface JscpdReport {
  duplicates: { firstFile: JscpdSide; secondFile: JscpdSide; lines: number; fragment?: string }[];
  statistics: { total: { lines: number; duplicatedLines: number; percentage: number } };
}

const MAX_ARGUMENT_BYTES = 900_000;

export async function runJscpd(options: { root: string; paths: readonly string[]; maxFileBytes: number; timeoutMs?: number }): Promise<Result<DuplicationResult>> {
  const binary = findJscpdBinary();
  if (!binary) return err('jscpd binary not installed for this platform');
  const out = await mkdtemp(join(tmpdir(), 'keel-jscpd-'));
  try {
    const listed = options.paths.reduce((sum, path) => sum + path.length + 1, 0) <= MAX_ARGUMENT_BYTES;
    // Past the argument limit, jscpd walks the tree itself (it also honours .gitignore).
    const targets = listed ? options.paths.map((path) => (path.startsWith('-') ? `./${path}` : path)) : ['.'];
    const args = ['--reporters', 'json', '--output', out, '--silent', '--no-tips', '--no-colors', '--absolute', '--max-size', String(options.maxFileBytes),
      ...(listed ? [] : ['--ignore', '**/node_modules/**,**/vendor/**,**/dist/**,**/build/**,**/*.min.js']), '--', ...targets];
    const run = await new Promise<Result<void>>((resolve) => {
      execFile(binary, args, { cwd: options.root, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
        resolve(error ? err(`jscpd failed: ${stderr.trim().split('\n').pop() || error.message.split('\n')[0]}`) : ok(undefined));
      });
    });
    if (!run.ok) return run;
    const report = JSON.parse(await readFile(join(out, 'jscpd-report.json'), 'utf8')) as JscpdReport;
    const toRelative = (name: string): string => relative(options.root, name).split(sep).join('/');
    const clones: Clone[] = report.duplicates.map((dup) => ({
      lines: dup.lines,
      a: { path: toRelative(dup.firstFile.name), startLine: dup.firstFile.start, endLine: dup.firstFile.end },
      b: { path: toRelative(dup.secondFile.name), startLine: dup.secondFile.start, endLine: dup.secondFile.end },
      ...(dup.fragment ? { fragment: dup.fragment.slice(0, 2000) } : {}),
    }));
    const total = report.statistics.total;
    return ok({ detector: 'jscpd', totalLines: total.lines, duplicatedLines: total.duplicatedLines, percentage: round(total.percentage), clones });
  } catch (error) {
    return err(`cannot read the jscpd report: ${messageOf(error)}`);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
