/**
 * @module Hotspots: change frequency × complexity over the window (after Tornhill, "Your Code as
 * a Crime Scene"). Complexity is the sum of function cyclomatic complexity, or the indentation
 * score for files without a parser, so both scales are only compared as ranks within one audit.
 * Only programming-language files rank. Markup (stylesheets, templates) and data or configuration
 * (YAML, JSON…) are measured by indentation too, but their sums run an order of magnitude above a
 * file's cyclomatic sum (this repository's stylesheet: 329, against 128 for its busiest test file)
 * and would fill the list without holding much logic; the file history in the report shows them.
 */
import type { ComplexityKind, FileComplexity, HistoryResult, Hotspot } from '../types.ts';

const RANKED_KINDS: ReadonlySet<ComplexityKind> = new Set(['code']);

export function rankHotspots(
  history: HistoryResult,
  complexity: readonly FileComplexity[],
  top: number,
): { hotspots: Hotspot[]; topShare: number } {
  const hotspots: Hotspot[] = [];
  let totalRevisions = 0;
  for (const stat of history.files.values()) totalRevisions += stat.revisions;
  for (const file of complexity) {
    if (!RANKED_KINDS.has(file.kind)) continue;
    const stat = history.files.get(file.path);
    if (!stat || stat.revisions === 0) continue;
    const main = Object.entries(stat.authors).sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0];
    hotspots.push({
      path: file.path,
      revisions: stat.revisions,
      complexity: file.total,
      score: stat.revisions * Math.max(file.total, 1),
      churn: stat.added + stat.deleted,
      mainAuthor: main?.[0] ?? null,
    });
  }
  hotspots.sort(
    (a, b) => b.score - a.score || b.revisions - a.revisions || a.path.localeCompare(b.path),
  );
  const ranked = hotspots.slice(0, top);
  const topRevisions = ranked.reduce((sum, hotspot) => sum + hotspot.revisions, 0);
  return {
    hotspots: ranked,
    topShare: totalRevisions === 0 ? 0 : Math.round((topRevisions / totalRevisions) * 1000) / 10,
  };
}
