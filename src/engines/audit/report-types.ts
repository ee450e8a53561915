/** @module The audit result: checks, findings and the document every report format renders. */
import type {
  Clone,
  CouplingPair,
  DuplicationResult,
  Exclusion,
  FunctionMetric,
  Hotspot,
  KnowledgeEntry,
  LanguageSummary,
  Level,
  MonthlyChurn,
  Risk,
  SkipNote,
} from './types.ts';

/** A finding: one piece of evidence, written for the founder and for the engineer. */
export interface Finding {
  fingerprint: string;
  checkId: string;
  severity: Risk;
  message: string;
  path?: string;
  line?: number;
  commit?: string;
  whyItMatters: string;
  howToFix: string;
  /** True when a --baseline file already accepted this finding. */
  baselined: boolean;
}

export interface CheckResult {
  id: string;
  title: string;
  risk: Risk;
  weight: number;
  level: Level;
  /** 0–10, or null when the check does not apply to this repository. */
  score: number | null;
  passed: boolean | null;
  summary: string;
  evidence: string[];
  whyItMatters: string;
  howToFix: string;
}

/**
 * One file's history in the window: path, commits touching it, lines added + deleted, distinct
 * authors, the main author's share of those commits (%), first and last change (YYYY-MM-DD, UTC;
 * the first change is the oldest commit read, renames followed) and complexity (null when the
 * file is not measured).
 */
export type FileHistoryRow = [
  path: string,
  revisions: number,
  churn: number,
  authors: number,
  mainAuthorShare: number,
  firstChange: string,
  lastChange: string,
  complexity: number | null,
];

export interface FileHistorySection {
  columns: string[];
  /** Most changed first. */
  rows: FileHistoryRow[];
  /** Files that count for quality figures and changed in the window. */
  total: number;
  /** Rows left out past the limit (the least changed files). */
  omitted: number;
}

/** A file left out of quality figures, and why. */
export interface ExcludedFile {
  path: string;
  reason: Exclusion;
}

export interface ExcludedSection {
  /** Every file left out of quality figures. */
  total: number;
  /** How many for each reason (reasons with none are absent). */
  byReason: Partial<Record<Exclusion, number>>;
  /** Up to 500: the config's exclusions first, then by reason and path. */
  files: ExcludedFile[];
  /** Files past the limit, counted in `total` and `byReason` but not listed. */
  omitted: number;
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'keel-audit'; version: string };
  generatedAt: string;
  target: { input: string; root: string; commit: string | null; branch: string | null };
  score: number | null;
  level: Level | null;
  checks: CheckResult[];
  findings: Finding[];
  hotspots: Hotspot[];
  languages: LanguageSummary[];
  totals: { files: number; countedFiles: number; code: number; comment: number; blank: number };
  history: {
    status: string;
    reason?: string;
    since: string;
    commitsScanned: number;
    commitsInWindow: number;
    busFactor: number | null;
    /** Share (%) of all changes in the window that the listed hotspots take. */
    hotspotShare: number;
    authors: { name: string; commits: number; active: boolean }[];
    coupling: CouplingPair[];
    knowledge: KnowledgeEntry[];
    folders: KnowledgeEntry[];
    monthly: MonthlyChurn[];
    files: FileHistorySection;
  };
  complexity: {
    functions: number;
    /** Files measured by each method. */
    methods: Record<string, number>;
    /** Files measured of each kind: code, markup, data, other (prose is not measured). */
    kinds: Record<string, number>;
    distribution: { bucket: string; count: number }[];
    worst: FunctionMetric[];
  };
  duplication: Omit<DuplicationResult, 'clones'> & { clones: Clone[] };
  /** Files left out of quality figures (still counted in `totals.files`). */
  excluded: ExcludedSection;
  skipped: SkipNote[];
  durationsMs: Record<string, number>;
  /** Peak resident memory of the audit's own process (child processes such as git and jscpd not included). */
  peakRssMiB: number;
}
