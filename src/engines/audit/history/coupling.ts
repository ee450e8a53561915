/**
 * @module Change coupling: files that change in the same commits. Pair counts live in a map with a
 * ceiling; past it, pairs seen only once are dropped (lossy counting), so memory stays bounded on
 * any history while strong couplings, which by definition recur, survive.
 */
import type { CouplingPair } from '../types.ts';

export interface CouplingOptions {
  minRevisions: number;
  minSharedRevisions: number;
  minDegree: number;
  maxChangesetSize: number;
  maxPairs: number;
}

export class CouplingCounter {
  private readonly pairs = new Map<string, number>();
  prunedPairs = 0;
  skippedLargeCommits = 0;

  constructor(private readonly options: CouplingOptions) {}

  /** Counts every pair of files of one commit; commits touching very many files are skipped. */
  addCommit(paths: readonly string[]): void {
    if (paths.length < 2) return;
    if (paths.length > this.options.maxChangesetSize) {
      this.skippedLargeCommits++;
      return;
    }
    const sorted = [...new Set(paths)].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const key = `${sorted[i]}\0${sorted[j]}`;
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
      }
    }
    if (this.pairs.size > this.options.maxPairs) this.prune();
  }

  private prune(): void {
    let floor = 1;
    while (this.pairs.size > this.options.maxPairs * 0.75) {
      for (const [key, count] of this.pairs) {
        if (count <= floor) {
          this.pairs.delete(key);
          this.prunedPairs++;
        }
      }
      floor++;
    }
  }

  /** Coupled pairs above the thresholds, strongest first. */
  result(revisions: (path: string) => number, limit = 50): CouplingPair[] {
    const out: CouplingPair[] = [];
    for (const [key, shared] of this.pairs) {
      if (shared < this.options.minSharedRevisions) continue;
      const [a = '', b = ''] = key.split('\0');
      const revA = revisions(a);
      const revB = revisions(b);
      if (revA < this.options.minRevisions || revB < this.options.minRevisions) continue;
      const degree = Math.round((shared / ((revA + revB) / 2)) * 100);
      if (degree >= this.options.minDegree) out.push({ a, b, shared, degree });
    }
    return out
      .sort((x, y) => y.degree - x.degree || y.shared - x.shared || x.a.localeCompare(y.a))
      .slice(0, limit);
  }
}
