/**
 * @module History and staged modes: the added lines of every commit on every ref (each blob
 * once), or of the index, streamed from git so memory stays bounded.
 */
import type { RuleSet } from './compile.ts';
import { detect } from './detect.ts';
import { toFinding } from './findings.ts';
import { streamGit } from './git.ts';
import type { FileAdditions } from './patch-parser.ts';
import { LOG_FORMAT, PatchParser } from './patch-parser.ts';
import { findLivePaths } from './presence.ts';
import { fingerprintOf } from './redact.ts';
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

interface RawDiffScan extends DiffScanOutput {
  /** Fingerprint → raw secret; never leaves this module. */
  secretOf: Map<string, string>;
}

const BINARY_SAMPLE = 8000;

async function scanDiff(
  args: string[],
  options: HistoryScanOptions,
  isStaged: boolean,
): Promise<Result<RawDiffScan>> {
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
  // Kept in memory only, to decide presence by the secret itself (presence.ts).
  const secretOf = new Map<string, string>();
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
      secretOf.set(finding.fingerprint, hit.secret);
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
  return ok({ findings: [...byFingerprint.values()], inlineAllowed, stats, secretOf });
}

/**
 * Marks each history finding as `current` when its secret is still in HEAD's tree or at another
 * ref's tip (at any path: a renamed file or a copy elsewhere counts), else `history-only`. Where
 * it lives at other paths, `currentFingerprints` gives its fingerprints there, so a baseline
 * written from a tree scan still suppresses it and the server merges it with the tree finding.
 */
async function markPresence(scan: RawDiffScan, options: HistoryScanOptions): Promise<void> {
  const live = await findLivePaths(options.root, new Set(scan.secretOf.values()));
  for (const finding of scan.findings) {
    const secret = scan.secretOf.get(finding.fingerprint)!;
    const paths = live.get(secret) ?? new Set<string>();
    finding.presence = paths.size > 0 ? 'current' : 'history-only';
    const elsewhere = [...paths]
      .filter((p) => p !== finding.file)
      .sort()
      .map((p) => fingerprintOf(finding.ruleId, p, secret));
    if (elsewhere.length > 0) finding.currentFingerprints = elsewhere;
  }
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
  if (!result.ok) return result;
  await markPresence(result.value, options);
  const { findings, inlineAllowed, stats } = result.value;
  return ok({ findings, inlineAllowed, stats });
}

/** The index against HEAD: what the next commit would add (pre-commit hook). */
export async function scanStaged(options: HistoryScanOptions): Promise<Result<DiffScanOutput>> {
  const result = await scanDiff(
    ['diff', '--cached', '-U0', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv'],
    options,
    true,
  );
  if (!result.ok) return result;
  const { findings, inlineAllowed, stats } = result.value;
  return ok({ findings, inlineAllowed, stats });
}
