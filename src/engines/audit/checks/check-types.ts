/** @module The contract every hygiene check implements, and what a check hands back. */
import type { AuditConfig } from '../config.ts';
import type {
  DuplicationResult,
  FileComplexity,
  HistoryResult,
  InventoryFile,
  Level,
  Risk,
} from '../types.ts';

export interface CheckContext {
  root: string;
  config: AuditConfig;
  /** Every listed file, excluded ones too (a committed binary or lockfile is evidence). */
  files: readonly InventoryFile[];
  paths: ReadonlySet<string>;
  history: HistoryResult;
  complexity: readonly FileComplexity[];
  duplication: DuplicationResult;
  /** Reads a text file of the tree (cached), or null. */
  read: (path: string) => Promise<string | null>;
}

/** A finding before the pipeline adds the check's texts and the fingerprint. */
export interface FindingDraft {
  message: string;
  path?: string;
  line?: number;
  commit?: string;
  severity?: Risk;
  /** What identifies this finding apart from its path: a function name, a normalised line. */
  key?: string;
}

export interface CheckOutcome {
  /** 0–10, or null for "not applicable". */
  score: number | null;
  summary: string;
  evidence: string[];
  findings: FindingDraft[];
}

export interface CheckDefinition {
  id: string;
  title: string;
  risk: Risk;
  level: Level;
  /** For the founder: plain words, no jargon. */
  whyItMatters: string;
  /** For the engineer: what to change. */
  howToFix: string;
  run: (context: CheckContext) => Promise<CheckOutcome>;
}

export function notApplicable(summary: string): CheckOutcome {
  return { score: null, summary, evidence: [], findings: [] };
}

export function clampScore(value: number): number {
  return Math.max(0, Math.min(10, Math.round(value * 10) / 10));
}

/** Files under a folder prefix matching a name test. */
export function filesMatching(context: CheckContext, test: (path: string) => boolean): string[] {
  return [...context.paths].filter(test).sort();
}

export const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml$/;
