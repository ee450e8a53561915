/**
 * @module Builds the compact language index (language-index.json) from the linguist database.
 * Importing `linguist-languages` loads 833 modules (about a second); the JSON loads in
 * milliseconds. A test keeps the two in sync; after upgrading linguist-languages run
 * `node --import tsx src/engines/audit/inventory/build-language-index.ts --write`.
 */
import { writeFileSync } from 'node:fs';
import * as linguist from 'linguist-languages';

export type LanguageTuple = [name: string, type: string];

export interface LanguageIndex {
  extensions: Record<string, LanguageTuple>;
  filenames: Record<string, LanguageTuple>;
  interpreters: Record<string, LanguageTuple>;
}

interface LinguistEntry {
  name: string;
  type: string;
  extensions?: readonly string[];
  filenames?: readonly string[];
  interpreters?: readonly string[];
}

// linguist lists several languages for these extensions; these are what a product repo means.
export const PREFERRED: Record<string, string> = {
  '.h': 'C',
  '.ts': 'TypeScript',
  '.md': 'Markdown',
  '.m': 'Objective-C',
  '.pl': 'Perl',
  '.rs': 'Rust',
  '.sql': 'SQL',
  '.yml': 'YAML',
  '.yaml': 'YAML',
  '.json': 'JSON',
  '.cs': 'C#',
  '.fs': 'F#',
  '.r': 'R',
  '.php': 'PHP',
  '.inc': 'PHP',
  '.js': 'JavaScript',
  '.mjs': 'JavaScript',
  '.cjs': 'JavaScript',
  '.html': 'HTML',
  '.xml': 'XML',
  '.txt': 'Text',
  '.toml': 'TOML',
  '.sh': 'Shell',
  '.bash': 'Shell',
  '.cls': 'Apex',
  '.v': 'Verilog',
  '.pro': 'Prolog',
  '.d': 'D',
  '.t': 'Perl',
  '.mod': 'Go Module',
  '.sol': 'Solidity',
  '.cmd': 'Batchfile',
  '.asm': 'Assembly',
  '.tsx': 'TSX',
  '.jsx': 'JavaScript',
  '.vue': 'Vue',
  '.svelte': 'Svelte',
  '.cpp': 'C++',
  '.hpp': 'C++',
  '.ex': 'Elixir',
  '.properties': 'Java Properties',
  '.gradle': 'Gradle',
  '.kt': 'Kotlin',
  '.scala': 'Scala',
  '.swift': 'Swift',
  '.lock': 'JSON',
  '.cfg': 'INI',
  '.ini': 'INI',
  '.gs': 'JavaScript',
  '.nr': 'Roff',
  '.ms': 'Roff',
  '.l': 'Lex',
};

export function buildLanguageIndex(): LanguageIndex {
  const entries = Object.values(linguist as unknown as Record<string, LinguistEntry>);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  // 'programming' first so that an unlisted ambiguous extension prefers code over data.
  const rank = (type: string): number =>
    ({ programming: 0, markup: 1, data: 2, prose: 3 })[type] ?? 4;
  const index: LanguageIndex = { extensions: {}, filenames: {}, interpreters: {} };
  const sorted = [...entries].sort(
    (a, b) => rank(a.type) - rank(b.type) || a.name.localeCompare(b.name),
  );
  for (const entry of sorted) {
    const tuple: LanguageTuple = [entry.name, entry.type];
    for (const name of entry.filenames ?? []) index.filenames[name] ??= tuple;
    for (const ext of entry.extensions ?? []) index.extensions[ext.toLowerCase()] ??= tuple;
    for (const interpreter of entry.interpreters ?? []) index.interpreters[interpreter] ??= tuple;
  }
  for (const [ext, name] of Object.entries(PREFERRED)) {
    const entry = byName.get(name);
    if (entry) index.extensions[ext] = [entry.name, entry.type];
  }
  return index;
}

if (process.argv[1]?.endsWith('build-language-index.ts') && process.argv.includes('--write')) {
  writeFileSync(
    new URL('./language-index.json', import.meta.url),
    JSON.stringify(buildLanguageIndex()) + '\n',
  );
}
