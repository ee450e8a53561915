/** @module Report formats, registered by name. */
import type { ScanResult } from '../types.ts';
import { renderJson } from './json.ts';
import { renderSarif } from './sarif.ts';
import { renderMarkdown, renderText } from './text.ts';

export const reportFormats = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  md: renderMarkdown,
} satisfies Record<string, (result: ScanResult) => string>;

export type ReportFormat = keyof typeof reportFormats;
export const isReportFormat = (name: string): name is ReportFormat =>
  Object.hasOwn(reportFormats, name);
