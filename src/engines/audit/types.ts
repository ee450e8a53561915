/** @module The plain data that flows between audit stages and out to reports. */
export type StageName =
  'inventory' | 'history' | 'complexity' | 'duplication' | 'checks' | 'score' | 'report';
export type Risk = 'critical' | 'high' | 'medium' | 'low';
export type Level = 'bronze' | 'silver' | 'gold';
export type Exclusion =
  'generated' | 'vendored' | 'minified' | 'binary' | 'huge' | 'config' | 'unreadable';

/** Where a stage is: sent when it starts, as it moves on, and when it ends. */
export interface ProgressEvent {
  stage: StageName;
  /** Items done so far: files, or commits read for history. */
  done: number;
  /** Items in all, or null when not known (yet). */
  total: number | null;
  unit: 'files' | 'commits' | null;
  isFinished: boolean;
}

/** Something the audit could not read or chose to leave out, with the reason. */
export interface SkipNote {
  stage: StageName | 'source';
  reason: string;
  path?: string;
}

export interface LineCounts {
  code: number;
  comment: number;
  blank: number;
}

export interface InventoryFile extends LineCounts {
  /** POSIX path relative to the audited root. */
  path: string;
  bytes: number;
  language: string | null;
  languageType: string | null;
  /** Why the file is left out of quality figures, or null when it counts. */
  excluded: Exclusion | null;
  isTest: boolean;
  isUtf8: boolean;
}

export interface LanguageSummary extends LineCounts {
  language: string;
  files: number;
}

export interface Inventory {
  files: InventoryFile[];
  languages: LanguageSummary[];
  skipped: SkipNote[];
}

export interface FunctionMetric {
  path: string;
  name: string;
  line: number;
  endLine: number;
  cyclomatic: number;
  cognitive: number;
  nesting: number;
}

export type ComplexityMethod = 'typescript' | 'tree-sitter' | 'indentation';
/**
 * What a measured file is, from its linguist type: `code` (programming), `markup`, `data`
 * (configuration and data: YAML, JSON, SQL…) or `other` (no known language). Only code ranks as
 * hotspots.
 */
export type ComplexityKind = 'code' | 'markup' | 'data' | 'other';

export interface FileComplexity {
  path: string;
  method: ComplexityMethod;
  kind: ComplexityKind;
  /** Sum of function cyclomatic complexity, or the indentation score for other text files. */
  total: number;
  functions: FunctionMetric[];
}

export interface CloneLocation {
  path: string;
  startLine: number;
  endLine: number;
}

export interface Clone {
  lines: number;
  a: CloneLocation;
  b: CloneLocation;
  fragment?: string;
}

export interface DuplicationResult {
  detector: 'jscpd' | 'builtin' | 'none';
  totalLines: number;
  duplicatedLines: number;
  percentage: number;
  clones: Clone[];
}

export interface FileHistory {
  path: string;
  /** Commits touching the file inside the window. */
  revisions: number;
  added: number;
  deleted: number;
  authors: Record<string, number>;
  firstCommitAt: number;
  lastCommitAt: number;
}

export interface CouplingPair {
  a: string;
  b: string;
  shared: number;
  /** shared ÷ average revisions of the two files, 0–100. */
  degree: number;
}

export interface Hotspot {
  path: string;
  revisions: number;
  complexity: number;
  score: number;
  churn: number;
  mainAuthor: string | null;
}

export interface KnowledgeEntry {
  path: string;
  mainAuthor: string;
  share: number;
  authorHasLeft: boolean;
}

export interface MonthlyChurn {
  month: string;
  commits: number;
  added: number;
  deleted: number;
}

export type HistoryStatus = 'full' | 'shallow' | 'empty' | 'skipped';

export interface HistoryResult {
  status: HistoryStatus;
  reason?: string;
  since: string;
  windowStart: number;
  commitsScanned: number;
  commitsInWindow: number;
  files: Map<string, FileHistory>;
  coupling: CouplingPair[];
  authors: { name: string; commits: number; lastCommitAt: number; active: boolean }[];
  monthly: MonthlyChurn[];
  knowledge: KnowledgeEntry[];
  folders: KnowledgeEntry[];
  busFactor: number | null;
}
