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
      return JSON.stringify(report, null, 2) + '\n';
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
