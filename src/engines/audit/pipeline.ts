/**
 * @module The audit pipeline: inventory → history → complexity → duplication → checks → score →
 * report, each a named stage with its duration. Plain inputs, a plain AuditReport out; expected
 * failures (bad input, a broken config) come back as Result errors.
 */
import { loadConfig, WINDOW_HINT, WINDOW_PATTERN } from './config.ts';
import { CHECKS } from './checks/index.ts';
import { runChecks } from './checks/run-checks.ts';
import { runComplexity } from './complexity/complexity.ts';
import { runDuplication } from './duplication/duplication.ts';
import { loadBaseline } from './findings/baseline.ts';
import { rankHotspots } from './history/hotspots.ts';
import { runHistory } from './history/history.ts';
import { decodeText, readBytes, runInventory } from './inventory/inventory.ts';
import { buildReport } from './report/build-report.ts';
import type { AuditReport } from './report-types.ts';
import { err, ok, type Result } from './result.ts';
import { levelOf, overallScore } from './score/score.ts';
import { resolveSource } from './source.ts';
import type { ProgressEvent, SkipNote, StageName } from './types.ts';
import { join } from 'node:path';

export interface AuditOptions {
  /** A folder or a git URL. */
  input: string;
  configFile?: string;
  /** Overrides the config's `since` (e.g. "12m"). */
  since?: string;
  baselineFile?: string;
  cacheDir?: string;
  allowFileUrls?: boolean;
  /** Time limit for cloning a git URL (default 5 minutes). */
  cloneTimeoutMs?: number;
  /** Refuse to clone a git URL when the cache's disk has less free space (default 1 GiB). */
  minFreeBytes?: number;
  /** Access token for a private git URL (reaches git through the environment, never argv). */
  token?: string;
  /** Where a token goes instead of the URL, for the refusal of a URL with a password. */
  tokenHint?: string;
  duplicationDetector?: 'auto' | 'jscpd' | 'builtin' | 'off';
  now?: number;
  onProgress?: (event: ProgressEvent) => void;
}

export async function runAudit(options: AuditOptions): Promise<Result<AuditReport>> {
  // Before any clone: a bad option should not cost a download.
  if (options.since !== undefined && !WINDOW_PATTERN.test(options.since))
    return err(`--since ${options.since}: ${WINDOW_HINT}`);
  const source = await resolveSource({
    input: options.input,
    cacheDir: options.cacheDir,
    allowFileUrls: options.allowFileUrls,
    cloneTimeoutMs: options.cloneTimeoutMs,
    minFreeBytes: options.minFreeBytes,
    ...(options.token ? { token: options.token } : {}),
    ...(options.tokenHint ? { tokenHint: options.tokenHint } : {}),
  });
  if (!source.ok) return source;
  const { root, gitDir, probe } = source.value;
  try {
    const loaded = await loadConfig(root, options.configFile);
    if (!loaded.ok) return loaded;
    const config = loaded.value.config;
    if (options.since) config.since = options.since;
    const baseline = options.baselineFile
      ? await loadBaseline(options.baselineFile)
      : ok(new Set<string>());
    if (!baseline.ok) return baseline;

    const skipped: SkipNote[] = [...source.value.notes];
    const durations: Record<string, number> = {};
    const onProgress = options.onProgress;
    const progress = (
      stage: StageName,
      done: number,
      total: number | null,
      unit: ProgressEvent['unit'],
      isFinished = false,
    ): void => onProgress?.({ stage, done, total, unit, isFinished });
    const timed = async <T>(stage: StageName, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      progress(stage, 0, null, null);
      const value = await work();
      durations[stage] = Math.round(performance.now() - started);
      progress(stage, 0, null, null, true);
      return value;
    };

    const inventory = await timed('inventory', () =>
      runInventory({
        root,
        isGitWorkTree: probe.isRepo && !probe.isBare,
        config,
        onProgress: (done, total) => progress('inventory', done, total, 'files'),
      }),
    );
    skipped.push(...inventory.skipped);
    const counted = new Set(
      inventory.files.filter((file) => !file.excluded).map((file) => file.path),
    );
    // History, complexity and duplication only need the inventory: they run side by side (git log
    // and jscpd are separate processes, so on two cores they overlap with the parsing).
    const [history, complexity, duplication] = await Promise.all([
      timed('history', () =>
        runHistory(
          {
            gitDir,
            probe,
            config,
            countedPaths: counted,
            now: options.now,
            ...(onProgress
              ? { onProgress: (commits, total) => progress('history', commits, total, 'commits') }
              : {}),
          },
          skipped,
        ),
      ),
      timed('complexity', () =>
        runComplexity(
          {
            root,
            files: inventory.files,
            onProgress: (done, total) => progress('complexity', done, total, 'files'),
          },
          skipped,
        ),
      ),
      timed('duplication', () =>
        runDuplication(
          {
            root,
            files: inventory.files,
            maxFileBytes: config.thresholds.maxFileBytes,
            detector: options.duplicationDetector ?? config.duplication.detector,
            jscpdMaxBytes: config.duplication.jscpdMaxBytes,
          },
          skipped,
        ),
      ),
    ]);
    if (history.reason && history.status !== 'full')
      skipped.push({ stage: 'history', reason: history.reason });

    const cache = new Map<string, string | null>();
    const read = async (path: string): Promise<string | null> => {
      if (!cache.has(path)) {
        const bytes = await readBytes(join(root, path));
        cache.set(
          path,
          bytes && bytes.length <= config.thresholds.maxFileBytes ? decodeText(bytes).text : null,
        );
      }
      return cache.get(path) ?? null;
    };
    const paths = new Set(inventory.files.map((file) => file.path));
    const checked = await timed('checks', () =>
      runChecks(
        { root, config, files: inventory.files, paths, history, complexity, duplication, read },
        config,
        skipped,
        CHECKS,
      ),
    );
    for (const finding of checked.findings)
      finding.baselined = baseline.value.has(finding.fingerprint);

    const scored = await timed('score', async () => ({
      score: overallScore(checked.checks),
      level: levelOf(checked.checks),
    }));
    const hotspots = rankHotspots(history, complexity, config.hotspots.top);
    const report = await timed('report', async () =>
      buildReport({
        input: options.input,
        root,
        probe,
        inventory,
        history,
        complexity,
        duplication,
        checks: checked.checks,
        findings: checked.findings,
        hotspots: hotspots.hotspots,
        hotspotShare: hotspots.topShare,
        ...scored,
        skipped: sortNotes(skipped),
        durations,
        now: options.now,
      }),
    );
    return ok(report);
  } finally {
    await source.value.cleanup();
  }
}

const STAGE_ORDER = [
  'source',
  'inventory',
  'history',
  'complexity',
  'duplication',
  'checks',
  'score',
  'report',
];

/** Stages run side by side, so notes are put back in pipeline order for a stable report. */
function sortNotes(notes: SkipNote[]): SkipNote[] {
  return notes
    .map((note, index) => ({ note, index }))
    .sort(
      (a, b) =>
        STAGE_ORDER.indexOf(a.note.stage) - STAGE_ORDER.indexOf(b.note.stage) ||
        (a.note.path ?? '').localeCompare(b.note.path ?? '') ||
        a.index - b.index,
    )
    .map(({ note }) => note);
}
