/**
 * @module Reads a set of ADR files (a repository's docs/decisions or docs/adr folder): every file
 * that parses is returned, every one that does not is reported with its line, and one bad file
 * never stops the rest.
 */
import { parseAdr } from './parse.ts';
import type { AdrFile, AdrProblem, ParsedAdr } from './types.ts';

/** Files that are ADRs: Markdown, not the folder's README, index or template. */
export function isAdrPath(path: string): boolean {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (!/\.(md|markdown)$/.test(base)) return false;
  return !/^(readme|index|template|adr-template|_template|\.)/.test(base);
}

export interface FolderResult {
  parsed: ParsedAdr[];
  failed: AdrProblem[];
  /** Files left out because they are not ADRs (README.md, template.md, non-Markdown). */
  skipped: string[];
}

export function parseAdrFiles(files: readonly AdrFile[]): FolderResult {
  const result: FolderResult = { parsed: [], failed: [], skipped: [] };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!isAdrPath(file.path)) {
      result.skipped.push(file.path);
      continue;
    }
    const parsed = parseAdr(file);
    if (parsed.ok) result.parsed.push(parsed.value);
    else result.failed.push(parsed.error);
  }
  return result;
}
