import { describe, expect, it } from 'vitest';
import type { AuditReport, FileHistoryRow } from '../../engines/audit/report-types.ts';
import { REPORT_MAX_BYTES, trimReport } from './audits.service.ts';

function reportWithFileHistory(rows: number): AuditReport {
  const row = (index: number): FileHistoryRow => [
    `services/payments/internal/handlers/refunds/file_${String(index).padStart(6, '0')}.ts`,
    rows - index,
    120,
    3,
    67,
    '2024-01-02',
    '2026-11-20',
    14,
  ];
  return {
    schemaVersion: 1,
    findings: [],
    duplication: { clones: [] },
    complexity: { worst: [] },
    history: {
      coupling: [],
      knowledge: [],
      folders: [],
      files: {
        columns: ['path'],
        rows: Array.from({ length: rows }, (_, index) => row(index)),
        total: rows,
        omitted: 0,
      },
    },
  } as unknown as AuditReport;
}

describe('trimReport', () => {
  it('keeps the most changed files of the per-file history first when a report is too large', () => {
    const report = reportWithFileHistory(30_000);
    expect(Buffer.byteLength(JSON.stringify(report))).toBeGreaterThan(REPORT_MAX_BYTES);

    const trimmed = trimReport(report);

    const files = (trimmed.report as unknown as AuditReport).history.files;
    expect(trimmed.isTrimmed).toBe(true);
    expect(files.rows).toHaveLength(2000);
    expect(files.rows[0]?.[1]).toBe(30_000);
    expect(files).toMatchObject({ total: 30_000, omitted: 28_000 });
    expect(report.history.files.rows).toHaveLength(30_000); // the engine's report is left alone
  });
});
