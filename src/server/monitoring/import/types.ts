/** @module What a source parser hands the import service, and the bad-input error it throws. */
import type { ImportIssue } from '../../../shared/monitor-import.ts';
import type { MonitorInput } from '../../../shared/monitoring.ts';

/** One source monitor, mapped (input) or not (skipReason), with what was dropped on the way. */
export interface Candidate {
  name: string;
  source: string;
  sourceType: string;
  input?: MonitorInput;
  skipReason?: string;
  issues: ImportIssue[];
}

export interface ParsedSource {
  candidates: Candidate[];
  notes: ImportIssue[];
}

/** The file itself cannot be read: not JSON/YAML, or a required field is missing or wrong. */
export class ImportInputError extends Error {
  constructor(
    /** `monitorList`, `endpoints[2].url`, or `content` for a syntax error. */
    readonly field: string,
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : `${field}: ${message}`);
    this.name = 'ImportInputError';
  }
}

/** `7` → 7, `true` → true, `UP` → "UP": sources compare text, Keel compares JSON values. */
export function jsonValueOf(text: string): string | number | boolean | null {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  return t.replace(/^"(.*)"$/, '$1');
}

/** A dotted/indexed path (`data.status`, `$.items[0].id`) as Keel's `$.a.b[0]`; null otherwise. */
export function keelJsonPath(path: string): string | null {
  const p = path.trim().replace(/^\$/, '').replace(/^\./, '');
  if (p === '') return null;
  if (!/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/.test(p)) return null;
  return `$.${p}`;
}

/** A scalar as text; objects and lists (which a string field should never hold) as ''. */
export function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}
