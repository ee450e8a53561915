/** @module Plain data shapes of the dependency engine: inventory, advisories, findings. */

/** OSV ecosystem names, spelled exactly as OSV spells them. */
export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'RubyGems' | 'Packagist';

export const ecosystems: readonly Ecosystem[] = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
];

/** One installed package as a lockfile records it. */
export interface InventoryPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Declared by the project itself rather than pulled in by another package. */
  isDirect: boolean;
  /** `name@version` steps from a direct dependency down to this package (this package last). */
  path: string[];
  /** Lockfile path relative to the scanned folder. */
  lockfile: string;
  /** 1-based line in the lockfile where the package is recorded, when the format makes it cheap. */
  line?: number;
}

/** A lockfile that could not be read; the message names what is wrong. */
export interface LockfileError {
  file: string;
  line?: number;
  message: string;
}

export type SeverityRating = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface Severity {
  score: number | null;
  rating: SeverityRating;
  /** The CVSS vector the score came from, when there was one. */
  vector?: string;
}

/** One vulnerability (all its aliases merged) affecting one installed package. */
export interface Finding {
  ecosystem: Ecosystem;
  package: string;
  installedVersion: string;
  /** Every advisory id and alias that names this vulnerability, primary id first. */
  ids: string[];
  summary: string;
  severity: Severity;
  /** Fixed versions named by the matching ranges, ascending. */
  fixedVersions: string[];
  /** Smallest fixed version above the installed one that this vulnerability does not affect. */
  upgradeTo: string | null;
  /** Smallest fixed version that none of the package's known vulnerabilities affect. */
  packageUpgradeTo: string | null;
  isDirect: boolean;
  path: string[];
  lockfile: string;
  line?: number;
  references: string[];
}
