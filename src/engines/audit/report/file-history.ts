/**
 * @module The report's per-file history: one compact row per file changed in the window (change
 * frequency, churn, authors, main author share, first and last change, complexity), most changed
 * first. Rows are arrays under a `columns` header so 20,000 files stay around 1.6 MB of JSON.
 */
import type { FileHistoryRow, FileHistorySection } from '../report-types.ts';
import type { FileComplexity, HistoryResult } from '../types.ts';

/** Past this many rows the least changed files are left out (and counted in `omitted`). */
export const FILE_HISTORY_LIMIT = 50_000;

export const FILE_HISTORY_COLUMNS = [
  'path',
  'revisions',
  'churn',
  'authors',
  'mainAuthorShare',
  'firstChange',
  'lastChange',
  'complexity',
] as const;

const day = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/**
 * Rows for the files that count for quality figures and changed in the window. Author names are
 * not repeated per file: only how many there are and the main author's share of the commits.
 */
export function buildFileHistory(
  history: HistoryResult,
  countedPaths: ReadonlySet<string>,
  complexity: readonly FileComplexity[],
  limit = FILE_HISTORY_LIMIT,
): FileHistorySection {
  const totals = new Map(complexity.map((file) => [file.path, file.total]));
  const rows: FileHistoryRow[] = [];
  for (const stat of history.files.values()) {
    if (stat.revisions === 0 || !countedPaths.has(stat.path)) continue;
    const counts = Object.values(stat.authors);
    const main = Math.max(...counts);
    rows.push([
      stat.path,
      stat.revisions,
      stat.added + stat.deleted,
      counts.length,
      Math.round((main / stat.revisions) * 100),
      day(stat.firstCommitAt),
      day(stat.lastCommitAt),
      totals.get(stat.path) ?? null,
    ]);
  }
  rows.sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    columns: [...FILE_HISTORY_COLUMNS],
    rows: rows.slice(0, limit),
    total: rows.length,
    omitted: Math.max(0, rows.length - limit),
  };
}

/** A row as an object, for renderers. */
export function fileHistoryEntry(row: FileHistoryRow): {
  path: string;
  revisions: number;
  churn: number;
  authors: number;
  mainAuthorShare: number;
  firstChange: string;
  lastChange: string;
  complexity: number | null;
} {
  const [path, revisions, churn, authors, mainAuthorShare, firstChange, lastChange, complexity] =
    row;
  return { path, revisions, churn, authors, mainAuthorShare, firstChange, lastChange, complexity };
}

/** How long ago a YYYY-MM-DD date was, in the largest whole unit: "3 y", "5 mo", "12 d". */
export function ageSince(date: string, now: string): string {
  const days = Math.max(0, Math.floor((Date.parse(now) - Date.parse(date)) / 86_400_000));
  if (days >= 365) return `${Math.floor(days / 365)} y`;
  if (days >= 30) return `${Math.floor(days / 30)} mo`;
  return `${days} d`;
}
