/**
 * @module Language detection from the linguist database (`linguist-languages`): file names first,
 * then extensions, then a shebang. Ambiguous extensions get the choice most repositories mean.
 */
import * as linguist from 'linguist-languages';

export interface LanguageInfo {
  name: string;
  type: string;
}

interface LinguistEntry {
  name: string;
  type: string;
  extensions?: readonly string[];
  filenames?: readonly string[];
  interpreters?: readonly string[];
}

// linguist lists several languages for these extensions; these are what a product repo means.
const PREFERRED: Record<string, string> = {
  '.h': 'C', '.ts': 'TypeScript', '.md': 'Markdown', '.m': 'Objective-C', '.pl': 'Perl', '.rs': 'Rust',
  '.sql': 'SQL', '.yml': 'YAML', '.yaml': 'YAML', '.json': 'JSON', '.cs': 'C#', '.fs': 'F#', '.r': 'R',
  '.php': 'PHP', '.inc': 'PHP', '.js': 'JavaScript', '.mjs': 'JavaScript', '.cjs': 'JavaScript', '.html': 'HTML',
  '.xml': 'XML', '.txt': 'Text', '.toml': 'TOML', '.sh': 'Shell', '.bash': 'Shell', '.cls': 'Apex', '.v': 'Verilog',
  '.pro': 'Prolog', '.d': 'D', '.t': 'Perl', '.mod': 'Go Module', '.sol': 'Solidity', '.cmd': 'Batchfile',
  '.asm': 'Assembly', '.tsx': 'TSX', '.jsx': 'JavaScript', '.vue': 'Vue', '.svelte': 'Svelte', '.cpp': 'C++', '.hpp': 'C++',
  '.ex': 'Elixir', '.properties': 'Java Properties', '.gradle': 'Gradle', '.kt': 'Kotlin', '.scala': 'Scala', '.swift': 'Swift',
  '.lock': 'JSON', '.cfg': 'INI', '.ini': 'INI', '.gs': 'JavaScript', '.nr': 'Roff', '.ms': 'Roff', '.l': 'Lex',
};

const byFilename = new Map<string, LanguageInfo>();
const byExtension = new Map<string, LanguageInfo>();
const byInterpreter = new Map<string, LanguageInfo>();

function build(): void {
  const entries = Object.values(linguist as unknown as Record<string, LinguistEntry>);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  // 'programming' first so that an unlisted ambiguous extension prefers code over data.
  const rank = (type: string): number => ({ programming: 0, markup: 1, data: 2, prose: 3 })[type] ?? 4;
  for (const entry of [...entries].sort((a, b) => rank(a.type) - rank(b.type))) {
    const info = { name: entry.name, type: entry.type };
    for (const name of entry.filenames ?? []) if (!byFilename.has(name)) byFilename.set(name, info);
    for (const ext of entry.extensions ?? []) if (!byExtension.has(ext.toLowerCase())) byExtension.set(ext.toLowerCase(), info);
    for (const interpreter of entry.interpreters ?? []) if (!byInterpreter.has(interpreter)) byInterpreter.set(interpreter, info);
  }
  for (const [ext, name] of Object.entries(PREFERRED)) {
    const entry = byName.get(name);
    if (entry) byExtension.set(ext, { name: entry.name, type: entry.type });
  }
}
build();

/** The language of a file from its path alone, or null. */
export function languageForPath(path: string): LanguageInfo | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const named = byFilename.get(base);
  if (named) return named;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  // Compound extensions such as `.d.ts` are listed by linguist too; try the longest first.
  const firstDot = base.indexOf('.', 1);
  if (firstDot > 0 && firstDot !== dot) {
    const compound = byExtension.get(base.slice(firstDot).toLowerCase());
    if (compound) return compound;
  }
  return byExtension.get(base.slice(dot).toLowerCase()) ?? null;
}

/** The language named by a `#!` line, such as `#!/usr/bin/env python3`. */
export function languageForShebang(firstLine: string): LanguageInfo | null {
  if (!firstLine.startsWith('#!')) return null;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let program = (words[0] ?? '').split('/').pop() ?? '';
  if (program === 'env') program = words.find((word, index) => index > 0 && !word.startsWith('-')) ?? '';
  return byInterpreter.get(program) ?? byInterpreter.get(program.replace(/[\d.]+$/, '')) ?? null;
}
