/**
 * @module The report's `excluded` section: every file left out of quality figures (generated,
 * vendored, minified, binary, too large, unreadable, or `exclude`d by the config), counted per
 * reason and listed up to a cap, so an exclusion is visible rather than a file silently missing.
 */
import type { ExcludedSection } from '../report-types.ts';
import type { Exclusion, InventoryFile } from '../types.ts';

/** Files listed by path; past it only the counts grow (and `omitted`). */
export const EXCLUDED_LIMIT = 500;

// The config's own exclusions first: they are the ones a reader wants to see honoured.
const REASON_ORDER: readonly Exclusion[] = [
  'config',
  'generated',
  'vendored',
  'minified',
  'binary',
  'huge',
  'unreadable',
];

const REASON_WORDS: Record<Exclusion, string> = {
  config: 'by config',
  generated: 'generated',
  vendored: 'vendored',
  minified: 'minified',
  binary: 'binary',
  huge: 'too large to read',
  unreadable: 'unreadable',
};

export function buildExcluded(
  files: readonly InventoryFile[],
  limit = EXCLUDED_LIMIT,
): ExcludedSection {
  const left = files.filter((file) => file.excluded !== null);
  const byReason: Partial<Record<Exclusion, number>> = {};
  for (const file of left) byReason[file.excluded!] = (byReason[file.excluded!] ?? 0) + 1;
  const listed = left
    .map((file) => ({ path: file.path, reason: file.excluded! }))
    .sort(
      (a, b) =>
        REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
  return {
    total: left.length,
    byReason,
    files: listed.slice(0, limit),
    omitted: Math.max(0, listed.length - limit),
  };
}

/** "Left out of quality figures: 12 generated, 3 vendored, 1 by config", or null when none is. */
export function excludedSummary(section: ExcludedSection): string | null {
  if (section.total === 0) return null;
  const parts = (
    ['generated', 'vendored', 'minified', 'binary', 'huge', 'unreadable', 'config'] as const
  )
    .filter((reason) => (section.byReason[reason] ?? 0) > 0)
    .map((reason) => `${section.byReason[reason]} ${REASON_WORDS[reason]}`);
  return `Left out of quality figures: ${parts.join(', ')}`;
}
