/**
 * @module Language detection from the linguist database (`linguist-languages`, compacted into
 * language-index.json by build-language-index.ts): file names first, then extensions, then a
 * shebang. Ambiguous extensions get the choice most repositories mean.
 */
import type { LanguageIndex } from './build-language-index.ts';
// A static import, so bundles (dist/server, built by scripts/server-build.mjs) carry the index;
// reading it beside `import.meta.url` failed there, the file is not copied into the bundle.
import languageIndex from './language-index.json' with { type: 'json' };

export interface LanguageInfo {
  name: string;
  type: string;
}

const index = languageIndex as unknown as LanguageIndex;
const info = (tuple: [string, string] | undefined): LanguageInfo | null =>
  tuple ? { name: tuple[0], type: tuple[1] } : null;
const has = (record: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

/** The language of a file from its path alone, or null. */
export function languageForPath(path: string): LanguageInfo | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (has(index.filenames, base)) return info(index.filenames[base]);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  // Compound extensions such as `.d.ts` are listed by linguist too; try the longest first.
  const firstDot = base.indexOf('.', 1);
  if (firstDot > 0 && firstDot !== dot) {
    const compound = base.slice(firstDot).toLowerCase();
    if (has(index.extensions, compound)) return info(index.extensions[compound]);
  }
  const ext = base.slice(dot).toLowerCase();
  return has(index.extensions, ext) ? info(index.extensions[ext]) : null;
}

/** The language named by a `#!` line, such as `#!/usr/bin/env python3`. */
export function languageForShebang(firstLine: string): LanguageInfo | null {
  if (!firstLine.startsWith('#!')) return null;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let program = (words[0] ?? '').split('/').pop() ?? '';
  if (program === 'env')
    program = words.find((word, position) => position > 0 && !word.startsWith('-')) ?? '';
  for (const candidate of [program, program.replace(/[\d.]+$/, '')])
    if (has(index.interpreters, candidate)) return info(index.interpreters[candidate]);
  return null;
}
