/**
 * @module Stage 3, complexity: per-function metrics with a real parser where there is one
 * (TypeScript compiler API for TS/JS, tree-sitter for seven more languages) and indentation
 * complexity for every other text file that counts: other programming languages, markup (HTML,
 * CSS, templates, Vue, Svelte) and data or configuration (YAML, JSON, TOML, XML, SQL…), and files
 * with no known language. Prose (Markdown, plain text, reStructuredText…) is not measured: its
 * indentation is lists and quotes, not logic. A file that fails to parse falls back to indentation.
 */
import { join } from 'node:path';
import type { ComplexityKind, FileComplexity, InventoryFile, SkipNote } from '../types.ts';
import { hasGeneratedMarker } from '../inventory/classify.ts';
import { decodeText, readBytes } from '../inventory/inventory.ts';
import { mapLimit } from '../inventory/list-files.ts';
import { indentationComplexity } from './indentation.ts';
import { analyseTreeSitter, hasGrammar } from './tree-sitter.ts';
import { analyseTypeScript } from './typescript.ts';

const TYPESCRIPT_LANGUAGES = new Set(['TypeScript', 'TSX', 'JavaScript']);
/** Linguist calls notebooks markup, but they are JSON: their indentation is data nesting. */
const DATA_LANGUAGES = new Set(['Jupyter Notebook']);

export interface ComplexityOptions {
  root: string;
  files: readonly InventoryFile[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * What a file is measured as, or null when it is not measured: excluded files (generated,
 * vendored, minified, binary, huge), files without code lines, and prose.
 */
export function complexityKind(file: InventoryFile): ComplexityKind | null {
  if (file.excluded || file.code === 0) return null;
  if (file.language !== null && DATA_LANGUAGES.has(file.language)) return 'data';
  switch (file.languageType) {
    case 'programming':
      return 'code';
    case 'markup':
      return 'markup';
    case 'data':
      return 'data';
    case null:
      return 'other';
    default:
      return null; // prose
  }
}

/** Files worth measuring: counted (not excluded) text files with code lines, prose left out. */
export function complexityCandidates(files: readonly InventoryFile[]): InventoryFile[] {
  return files.filter((file) => complexityKind(file) !== null);
}

export async function runComplexity(
  options: ComplexityOptions,
  skipped: SkipNote[],
): Promise<FileComplexity[]> {
  const candidates = complexityCandidates(options.files);
  const results: FileComplexity[] = [];
  let done = 0;
  options.onProgress?.(0, candidates.length);
  // Parsing is CPU-bound and single-threaded; a small pool only overlaps the file reads.
  await mapLimit(candidates, 8, async (file) => {
    const bytes = await readBytes(join(options.root, file.path));
    if (!bytes) return;
    const { text } = decodeText(bytes);
    const measured = await measureFile(file, text, skipped);
    if (measured) results.push(measured);
    if (options.onProgress && ++done % 200 === 0) options.onProgress(done, candidates.length);
  });
  options.onProgress?.(candidates.length, candidates.length);
  return results.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function measureFile(
  file: InventoryFile,
  text: string,
  skipped: SkipNote[],
): Promise<FileComplexity | null> {
  const kind = complexityKind(file) ?? 'other';
  // The inventory looks for generated-code banners in programming files only; a generated
  // configuration or data file is left out here.
  if (kind !== 'code' && hasGeneratedMarker(text)) return null;
  if (kind !== 'code') return indentationFile(file.path, kind, text);
  if (file.language && TYPESCRIPT_LANGUAGES.has(file.language)) {
    try {
      const functions = analyseTypeScript(file.path, text);
      return {
        path: file.path,
        method: 'typescript',
        kind,
        total: functions.reduce((sum, fn) => sum + fn.cyclomatic, 0),
        functions,
      };
    } catch (error) {
      skipped.push({
        stage: 'complexity',
        path: file.path,
        reason: `TypeScript parser failed (${(error as Error).message}); indentation used`,
      });
    }
  } else if (hasGrammar(file.language)) {
    const parsed = await analyseTreeSitter(file.path, file.language as string, text);
    if (parsed.ok)
      return {
        path: file.path,
        method: 'tree-sitter',
        kind,
        total: parsed.value.reduce((sum, fn) => sum + fn.cyclomatic, 0),
        functions: parsed.value,
      };
    skipped.push({
      stage: 'complexity',
      path: file.path,
      reason: `${parsed.error}; indentation used`,
    });
  }
  return indentationFile(file.path, kind, text);
}

function indentationFile(path: string, kind: ComplexityKind, text: string): FileComplexity {
  return {
    path,
    method: 'indentation',
    kind,
    total: indentationComplexity(text).total,
    functions: [],
  };
}
