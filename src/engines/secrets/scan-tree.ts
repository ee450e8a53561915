/** @module Working-tree mode: every file git would track (or every file, outside git). */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RuleSet } from './compile.ts';
import { detect } from './detect.ts';
import { toFinding } from './findings.ts';
import { isGitWorkTree, runGit } from './git.ts';
import type { Finding, ScanStats } from './types.ts';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.keel-cache', '.hg', '.svn']);
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
const READ_AHEAD = 8;

export interface TreeScanOptions {
  root: string;
  ruleSet: RuleSet;
  maxFileBytes?: number;
  onProgress?: (stats: ScanStats) => void;
}

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(root, join(dir, entry.name), out);
    } else if (entry.isFile()) out.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
  }
}

/** Files to scan, relative to root, with `/` separators. */
export async function listFiles(root: string): Promise<string[]> {
  if (await isGitWorkTree(root)) {
    const result = await runGit(
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      root,
    );
    if (result.ok && result.value.code === 0)
      return [...new Set(result.value.stdout.split('\0').filter(Boolean))];
  }
  const out: string[] = [];
  await walk(root, root, out);
  return out;
}

/** Binary if a NUL byte appears early, as git decides. */
const isBinary = (data: Buffer): boolean => data.subarray(0, 8000).includes(0);
const decoder = new TextDecoder('utf-8', { fatal: false });

export async function scanTree(
  options: TreeScanOptions,
): Promise<{ findings: Finding[]; inlineAllowed: number; stats: ScanStats }> {
  const started = Date.now();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const stats: ScanStats = {
    files: 0,
    bytes: 0,
    commits: 0,
    skippedBinary: 0,
    skippedLarge: 0,
    durationMs: 0,
  };
  const findings: Finding[] = [];
  let inlineAllowed = 0;
  const files = await listFiles(options.root);
  // Reads run ahead of detection (which is synchronous), so disk and CPU overlap.
  const load = async (file: string): Promise<Buffer | 'large' | undefined> => {
    const full = join(options.root, file);
    const info = await lstat(full).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    if (info.size > maxBytes) return 'large';
    return readFile(full).catch(() => undefined);
  };
  const pending = files.slice(0, READ_AHEAD).map(load);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const data = await pending[i]!;
    if (i + READ_AHEAD < files.length) pending.push(load(files[i + READ_AHEAD]!));
    pending[i] = Promise.resolve(undefined); // release the buffer
    if (data === 'large') {
      stats.skippedLarge++;
      continue;
    }
    if (!data) continue;
    if (isBinary(data)) {
      stats.skippedBinary++;
      continue;
    }
    stats.files++;
    stats.bytes += data.length;
    const out = detect(decoder.decode(data), options.ruleSet, { path: file });
    inlineAllowed += out.inlineAllowed;
    for (const hit of out.hits) findings.push(toFinding(hit, file, 'current'));
    if (stats.files % 500 === 0) options.onProgress?.(stats);
  }
  stats.durationMs = Date.now() - started;
  return { findings, inlineAllowed, stats };
}
