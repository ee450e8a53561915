/**
 * @module History and staged modes: the added lines of every commit on every ref (each blob
 * once), or of the index, streamed from git so memory stays bounded.
 */
import type { RuleSet } from './compile.ts';
import { detect } from './detect.ts';
import { toFinding } from './findings.ts';
import { readBlobs, streamGit } from './git.ts';
import type { FileAdditions } from './patch-parser.ts';
import { LOG_FORMAT, PatchParser } from './patch-parser.ts';
import type { Finding, Result, ScanStats } from './types.ts';
import { err, ok } from './types.ts';

export interface HistoryScanOptions {
  root: string;
  ruleSet: RuleSet;
  onProgress?: (stats: ScanStats) => void;
}

export interface DiffScanOutput {
  findings: Finding[];
  inlineAllowed: number;
  stats: ScanStats;
}

const BINARY_SAMPLE = 8000;

async function scanDiff(
  args: string[],
  options: HistoryScanOptions,
  isStaged: boolean,
): Promise<Result<DiffScanOutput>> {
  const started = Date.now();
  const stats: ScanStats = {
    files: 0,
    bytes: 0,
    commits: 0,
    skippedBinary: 0,
    skippedLarge: 0,
    durationMs: 0,
  };
  // git log is newest first: a later sighting of the same fingerprint is an older commit,
  // so overwriting keeps the commit that introduced the secret.
  const byFingerprint = new Map<string, Finding>();
  let inlineAllowed = 0;
  let lastReport = 0;
  const onFile = (file: FileAdditions): void => {
    stats.files++;
    const text = file.lines.map((l) => l.text).join('\n');
    if (text.slice(0, BINARY_SAMPLE).includes('\0')) {
      stats.skippedBinary++;
      return;
    }
    const out = detect(text, options.ruleSet, { path: file.path, commit: file.meta?.commit });
    inlineAllowed += out.inlineAllowed;
    for (const hit of out.hits) {
      const line = file.lines[hit.line - 1]?.line ?? hit.line;
      const finding = toFinding(hit, file.path, isStaged ? 'staged' : 'unknown', line, file.meta);
      byFingerprint.set(finding.fingerprint, finding);
    }
  };
  const parser = new PatchParser(onFile);
  const result = await streamGit(args, options.root, (chunk) => {
    parser.push(chunk);
    if (options.onProgress && parser.commits - lastReport >= 200) {
      lastReport = parser.commits;
      options.onProgress({ ...stats, commits: parser.commits, bytes: parser.bytes });
    }
  });
  if (!result.ok) return err(result.error);
  parser.end();
  stats.commits = parser.commits;
  stats.bytes = parser.bytes;
  stats.durationMs = Date.now() - started;
  return ok({ findings: [...byFingerprint.values()], inlineAllowed, stats });
}

/** Marks each history finding as still in HEAD or history-only, by re-detecting in HEAD. */
async function markPresence(findings: Finding[], options: HistoryScanOptions): Promise<void> {
  const paths = [...new Set(findings.map((f) => f.file))];
  const blobs = await readBlobs(
    options.root,
    paths.map((p) => `HEAD:${p}`),
  );
  const current = new Set<string>();
  for (const path of paths) {
    const text = blobs.get(`HEAD:${path}`);
    if (text === undefined) continue;
    for (const hit of detect(text, options.ruleSet, { path }).hits)
      current.add(toFinding(hit, path, 'current').fingerprint);
  }
  for (const finding of findings)
    finding.presence = current.has(finding.fingerprint) ? 'current' : 'history-only';
}

/** Every ref, added lines only, each blob once. */
export async function scanHistory(options: HistoryScanOptions): Promise<Result<DiffScanOutput>> {
  const args = [
    'log',
    '-p',
    '-U0',
    '--all',
    '--full-index',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    LOG_FORMAT,
  ];
  const result = await scanDiff(args, options, false);
  if (result.ok) await markPresence(result.value.findings, options);
  return result;
}

/** The index against HEAD: what the next commit would add (pre-commit hook). */
export function scanStaged(options: HistoryScanOptions): Promise<Result<DiffScanOutput>> {
  return scanDiff(
    ['diff', '--cached', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv'],
    options,
    true,
  );
}
