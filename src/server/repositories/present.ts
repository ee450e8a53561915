/** @module Rows of audit and scan runs as the API shows them. */
import type { AuditRunSummary, ScanRun } from '../../shared/scans.ts';
import type { auditRuns, scanRuns } from '../db/schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentAuditSummary(row: typeof auditRuns.$inferSelect): AuditRunSummary {
  return {
    id: row.id,
    repositoryId: row.repositoryId,
    status: row.status,
    trigger: row.trigger,
    score: row.score,
    level: row.level,
    findingCount: row.findingCount,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export function presentScanRun(row: typeof scanRuns.$inferSelect): ScanRun {
  return {
    id: row.id,
    repositoryId: row.repositoryId,
    kind: row.kind,
    status: row.status,
    trigger: row.trigger,
    summary: row.summary,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}
