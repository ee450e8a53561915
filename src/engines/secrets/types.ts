/**
 * @module Plain data shapes of the secrets engine: rule specs, findings, scan results.
 * Nothing here holds a raw secret; findings carry only a masked form and a fingerprint.
 */

/** How sure a rule is that a match is a live credential. */
export type Confidence = 'high' | 'medium' | 'low';

/** An allowance (gitleaks "allowlist"): matches it covers are dropped. */
export interface AllowSpec {
  description?: string;
  /** OR (default): any listed check suppresses. AND: every listed check must hold. */
  condition?: 'OR' | 'AND';
  /** RE2 patterns over the file path. */
  paths?: string[];
  /** RE2 patterns over `regexTarget` (the secret by default). */
  regexes?: string[];
  regexTarget?: 'secret' | 'match' | 'line';
  /** Case-insensitive substrings of the secret. */
  stopwords?: string[];
  /** Commit ids (history mode). */
  commits?: string[];
  /** Global allowances only: limit to these rule ids. */
  targetRules?: string[];
}

/** A sample used to build the accuracy corpus: `value` is a template (see fixtures/template.ts). */
export interface RuleSample {
  /** Variable name the secret is assigned to in generated files. */
  name: string;
  value: string;
  /** The secret is the whole file body, not an assignment (private keys, key files). */
  isRaw?: boolean;
  /** `value` is a whole line (a header, a command) placed verbatim in scripts and docs. */
  isLine?: boolean;
  /** File name to place the sample in when the rule is path-restricted. */
  file?: string;
}

export interface RuleSpec {
  id: string;
  description: string;
  /** RE2 syntax (Go `regexp`), as in gitleaks configs. Optional for path-only rules. */
  regex?: string;
  /** Capture group holding the secret; default: 1 when the pattern has groups, else 0. */
  secretGroup?: number;
  /** Lower-case substrings; a file is only matched against the rule when one occurs. */
  keywords: string[];
  /** Minimum Shannon entropy (bits per char) of the secret. */
  entropy?: number;
  /** RE2 pattern the file path must match. */
  path?: string;
  confidence?: Confidence;
  /** Blocking findings make the CLI exit 1. Default: true unless confidence is low. */
  isBlocking?: boolean;
  /** The match may span lines (private keys). */
  isMultiline?: boolean;
  /** Characters a multi-line match may cover from its keyword's line (default 64 KiB). */
  multilineSpan?: number;
  /** Skip the global placeholder check (tokens that legitimately repeat a character). */
  skipPlaceholderCheck?: boolean;
  allow?: AllowSpec[];
  tags?: string[];
  sample?: RuleSample;
  /** Family (file under rules/) the rule came from, or "config". */
  family?: string;
}

/** Where a finding still lives. */
export type Presence = 'current' | 'history-only' | 'staged' | 'unknown';

export interface Finding {
  ruleId: string;
  description: string;
  confidence: Confidence;
  isBlocking: boolean;
  file: string;
  line: number;
  column: number;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  presence: Presence;
  /** A few leading characters, then an ellipsis: never the whole secret. */
  secretMasked: string;
  secretLength: number;
  entropy: number;
  /** sha256(rule, path, sha256(secret)): stable across rebase and squash. */
  fingerprint: string;
  /**
   * History mode: the fingerprints of the same rule and secret at the other paths where HEAD or
   * a ref's tip still holds it (after `git mv`, a copy). A baseline listing any of them
   * suppresses this finding too.
   */
  currentFingerprints?: string[];
}

export type ScanMode = 'tree' | 'history' | 'staged';

export interface ScanStats {
  files: number;
  bytes: number;
  commits: number;
  skippedBinary: number;
  skippedLarge: number;
  durationMs: number;
}

export interface ScanResult {
  mode: ScanMode;
  target: string;
  findings: Finding[];
  suppressed: { baseline: number; inline: number };
  stats: ScanStats;
  warnings: string[];
}

/** Expected failures are values (Renovate's `Result`). */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
