/** @module Stage 7, report: assembles the versioned AuditReport document every output format renders. */
import type { RepoProbe } from '../git.ts';
import type { AuditReport, CheckResult, Finding } from '../report-types.ts';
import { buildExcluded } from './excluded.ts';
import { buildFileHistory } from './file-history.ts';
import type {
  DuplicationResult,
  FileComplexity,
  HistoryResult,
  Hotspot,
  Inventory,
  Level,
  SkipNote,
} from '../types.ts';

export const SCHEMA_VERSION = 1 as const;
export const ENGINE_VERSION = '0.1.0';

const BUCKETS: [string, number][] = [
  ['1-5', 5],
  ['6-10', 10],
  ['11-20', 20],
  ['21-50', 50],
  ['51+', Number.POSITIVE_INFINITY],
];
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };

export interface BuildInput {
  input: string;
  root: string;
  probe: RepoProbe;
  inventory: Inventory;
  history: HistoryResult;
  complexity: readonly FileComplexity[];
  duplication: DuplicationResult;
  checks: CheckResult[];
  findings: Finding[];
  hotspots: Hotspot[];
  hotspotShare: number;
  score: number | null;
  level: Level | null;
  skipped: SkipNote[];
  durations: Record<string, number>;
  now?: number;
}

export function buildReport(input: BuildInput): AuditReport {
  const functions = input.complexity.flatMap((file) => file.functions);
  const methods: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  for (const file of input.complexity) {
    methods[file.method] = (methods[file.method] ?? 0) + 1;
    kinds[file.kind] = (kinds[file.kind] ?? 0) + 1;
  }
  const counted = input.inventory.files.filter((file) => !file.excluded);
  const sum = (key: 'code' | 'comment' | 'blank'): number =>
    counted.reduce((total, file) => total + file[key], 0);
  const history = input.history;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'keel-audit', version: ENGINE_VERSION },
    generatedAt: new Date(input.now ?? Date.now()).toISOString(),
    target: {
      input: input.input,
      root: input.root,
      commit: input.probe.commit,
      branch: input.probe.branch,
    },
    score: input.score,
    level: input.level,
    checks: input.checks,
    findings: [...input.findings].sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.checkId.localeCompare(b.checkId) ||
        (a.path ?? '').localeCompare(b.path ?? '') ||
        (a.line ?? 0) - (b.line ?? 0),
    ),
    hotspots: input.hotspots,
    languages: input.inventory.languages,
    totals: {
      files: input.inventory.files.length,
      countedFiles: counted.length,
      code: sum('code'),
      comment: sum('comment'),
      blank: sum('blank'),
    },
    history: {
      status: history.status,
      ...(history.reason ? { reason: history.reason } : {}),
      since: history.since,
      commitsScanned: history.commitsScanned,
      commitsInWindow: history.commitsInWindow,
      busFactor: history.busFactor,
      hotspotShare: input.hotspotShare,
      authors: history.authors.map(({ name, commits, active }) => ({ name, commits, active })),
      coupling: history.coupling,
      knowledge: [...history.knowledge]
        .sort((a, b) => b.share - a.share || a.path.localeCompare(b.path))
        .slice(0, 100),
      folders: history.folders,
      monthly: history.monthly,
      files: buildFileHistory(history, new Set(counted.map((file) => file.path)), input.complexity),
    },
    complexity: {
      functions: functions.length,
      methods,
      kinds,
      distribution: BUCKETS.map(([bucket, max], index) => ({
        bucket,
        count: functions.filter(
          (fn) =>
            fn.cyclomatic <= max &&
            fn.cyclomatic > (index === 0 ? 0 : (BUCKETS[index - 1]?.[1] ?? 0)),
        ).length,
      })),
      worst: [...functions]
        .sort((a, b) => b.cognitive - a.cognitive || b.cyclomatic - a.cyclomatic)
        .slice(0, 20),
    },
    duplication: { ...input.duplication, clones: input.duplication.clones.slice(0, 50) },
    excluded: buildExcluded(input.inventory.files),
    skipped: input.skipped,
    durationsMs: input.durations,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
