/** @module Sentences that qualify a report section when the data behind it is partial. */
import type { AuditReport } from '../report-types.ts';

/**
 * Said in the hotspots section of every format when history is shallow: the change counts are
 * those of the fetched commits only, so the ranking is mostly complexity.
 */
export function hotspotsCaveat(report: AuditReport): string | null {
  if (report.history.status !== 'shallow') return null;
  const commits = report.history.commitsScanned;
  return `Shallow history (${commits} ${commits === 1 ? 'commit' : 'commits'} read): change counts are partial, so hotspots are not ranked reliably and knowledge risk is not scored. Audit a full clone (\`git fetch --unshallow\`) for real figures.`;
}
