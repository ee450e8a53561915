/** @module Output formats by name: text, json, md, html, sarif. */
import type { AuditReport } from '../report-types.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif } from './sarif.ts';
import { renderText } from './text.ts';

export const FORMATS = ['text', 'json', 'md', 'html', 'sarif'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: AuditReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'sarif':
      return renderSarif(report);
    case 'text':
      return renderText(report);
  }
}

// Stands for a file-history row while the rest is indented: a whole string value made of a NUL
// and "row:N" does not occur in a report (paths cannot hold a NUL, binary files are not read).
const ROW_MARKER = /"\\u0000row:(\d+)"/g;

/** Indented JSON, with each file-history row on one line: 20,000 rows stay about 1.6 MB. */
export function renderJson(report: AuditReport): string {
  const rows = report.history.files.rows;
  const marked = {
    ...report,
    history: {
      ...report.history,
      files: { ...report.history.files, rows: rows.map((_, index) => `\u0000row:${index}`) },
    },
  };
  return (
    JSON.stringify(marked, null, 2).replace(ROW_MARKER, (_, index: string) =>
      JSON.stringify(rows[Number(index)]),
    ) + '\n'
  );
}
