/**
 * @module Stage 3, complexity: per-function metrics with a real parser where there is one
 * (TypeScript compiler API for TS/JS, tree-sitter for seven more languages) and indentation
 * complexity for every other text file. A file that fails to parse falls back to indentation.
 */
import { join } from 'node:path';
import type { FileComplexity, InventoryFile, SkipNote } from '../types.ts';
import { decodeText, readBytes } from '../inventory/inventory.ts';
import { mapLimit } from '../inventory/list-files.ts';
import { indentationComplexity } from './indentation.ts';
import { analyseTreeSitter, hasGrammar } from './tree-sitter.ts';
import { analyseTypeScript } from './typescript.ts';

const TYPESCRIPT_LANGUAGES = new Set(['TypeScript', 'TSX', 'JavaScript']);
const ANALYSED_TYPES = new Set(['programming']);

export interface ComplexityOptions {
  root: string;
  files: readonly InventoryFile[];
  onProgress?: (done: number, total: number) => void;
}

/** Files worth measuring: counted (not excluded) programming-language files with code. */
export function complexityCandidates(files: readonly InventoryFile[]): InventoryFile[] {
  return files.filter(
    (file) =>
      !file.excluded &&
      file.code > 0 &&
      file.languageType !== null &&
      ANALYSED_TYPES.has(file.languageType),
  );
}

export async function runComplexity(
  options: ComplexityOptions,
  skipped: SkipNote[],
): Promise<FileComplexity[]> {
  const candidates = complexityCandidates(options.files);
  const results: FileComplexity[] = [];
  let done = 0;
  // Parsing is CPU-bound and single-threaded; a small pool only overlaps the file reads.
  await mapLimit(candidates, 8, async (file) => {
    const bytes = await readBytes(join(options.root, file.path));
    if (!bytes) return;
    const { text } = decodeText(bytes);
    results.push(await measureFile(file, text, skipped));
    if (options.onProgress && ++done % 200 === 0) options.onProgress(done, candidates.length);
  });
  return results.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function measureFile(
  file: InventoryFile,
  text: string,
  skipped: SkipNote[],
): Promise<FileComplexity> {
  if (file.language && TYPESCRIPT_LANGUAGES.has(file.language)) {
    try {
      const functions = analyseTypeScript(file.path, text);
      return {
        path: file.path,
        method: 'typescript',
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
        total: parsed.value.reduce((sum, fn) => sum + fn.cyclomatic, 0),
        functions: parsed.value,
      };
    skipped.push({
      stage: 'complexity',
      path: file.path,
      reason: `${parsed.error}; indentation used`,
    });
  }
  return {
    path: file.path,
    method: 'indentation',
    total: indentationComplexity(text).total,
    functions: [],
  };
}
