/**
 * @module Stage 1, inventory: every file of the tree with its language, line counts and whether it
 * counts for quality figures (generated, vendored, minified, binary and huge files do not).
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import ignore from 'ignore';
import type { AuditConfig } from '../config.ts';
import type { Inventory, InventoryFile, LanguageSummary, SkipNote } from '../types.ts';
import { commentSyntaxFor } from './comment-syntax.ts';
import { countLineBytes } from './count-lines.ts';
import {
  exclusionFor,
  hasGeneratedMarkerInBytes,
  hasGitAttributes,
  isTestPath,
  looksBinary,
  looksMinified,
  readLinguistAttributes,
  type LinguistAttributes,
} from './classify.ts';
import { languageForPath, languageForShebang } from './languages.ts';
import { FileReader, listPaths } from './list-files.ts';

export interface InventoryOptions {
  root: string;
  isGitWorkTree: boolean;
  config: AuditConfig;
  onProgress?: (done: number, total: number) => void;
}

/** Reads a whole file, or null when it cannot be read. */
export async function readBytes(path: string): Promise<Buffer | null> {
  try {
    const handle = await open(path, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Decodes text as UTF-8, or as Latin-1 when the bytes are not valid UTF-8 (nothing is lost for counting). */
export function decodeText(bytes: Buffer): { text: string; isUtf8: boolean } {
  const valid = isUtf8(bytes);
  return { text: bytes.toString(valid ? 'utf8' : 'latin1'), isUtf8: valid };
}

/** How long the inventory reads and counts before letting other work run, in milliseconds. */
const SLICE_MS = 20;

export async function runInventory(options: InventoryOptions): Promise<Inventory> {
  const { root, config } = options;
  const listing = await listPaths(root, options.isGitWorkTree);
  const skipped: SkipNote[] = [...listing.skipped];
  const paths = listing.paths;
  options.onProgress?.(0, paths.length);
  const attributes =
    options.isGitWorkTree && hasGitAttributes(paths)
      ? await readLinguistAttributes(root, paths)
      : new Map<string, LinguistAttributes>();
  const userExcluded = config.exclude.length > 0 ? ignore().add(config.exclude) : null;
  const maxBytes = config.thresholds.maxFileBytes;
  const reader = new FileReader();
  const files: InventoryFile[] = [];
  let sliceStarted = performance.now();

  for (let index = 0; index < paths.length; index++) {
    if ((index & 31) === 0 && performance.now() - sliceStarted > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
    const path = paths[index] as string;
    // Concatenation, not path.join: the listed paths are already normal, and join's
    // normalisation showed up in the profile at 20,000 files.
    const outcome = reader.read(`${root}/${path}`, maxBytes);
    if (outcome.kind === 'skip') {
      if (outcome.reason) skipped.push({ stage: 'inventory', path, reason: outcome.reason });
      continue;
    }
    const detected = languageForPath(path);
    const file: InventoryFile = {
      path,
      bytes: outcome.size,
      language: detected?.name ?? null,
      languageType: detected?.type ?? null,
      excluded: userExcluded?.ignores(path) ? 'config' : exclusionFor(path, attributes.get(path)),
      isTest: isTestPath(path),
      isUtf8: true,
      code: 0,
      comment: 0,
      blank: 0,
    };
    files.push(file);
    if (outcome.kind === 'huge') {
      file.excluded ??= 'huge';
      if (file.excluded === 'huge')
        skipped.push({
          stage: 'inventory',
          path,
          reason: `larger than ${maxBytes} bytes (${outcome.size}): not read`,
        });
    } else if (outcome.kind === 'unreadable') {
      file.excluded ??= 'unreadable';
    } else {
      // `linguist-generated=false` also overrides a generated-code banner.
      countFile(file, outcome.bytes, attributes.get(path)?.generated !== false);
    }
    if (options.onProgress && (index + 1) % 500 === 0) options.onProgress(index + 1, paths.length);
  }
  options.onProgress?.(paths.length, paths.length);
  for (const file of files) {
    if (file.excluded === 'unreadable')
      skipped.push({ stage: 'inventory', path: file.path, reason: 'could not be read' });
    else if (!file.isUtf8 && file.excluded !== 'binary')
      skipped.push({
        stage: 'inventory',
        path: file.path,
        reason: 'not valid UTF-8: counted as Latin-1',
      });
  }
  return { files, languages: summarise(files), skipped };
}

/** Language from a shebang, lines, minified and generated markers, all from the one read. */
function countFile(file: InventoryFile, bytes: Buffer, mayBeGenerated: boolean): void {
  if (looksBinary(bytes)) {
    file.excluded ??= 'binary';
    file.language = null;
    file.languageType = null;
    return;
  }
  const valid = isUtf8(bytes);
  file.isUtf8 = valid;
  if (!file.language) {
    const head = textHead(bytes, valid, 200);
    const newline = head.indexOf('\n');
    const shebang = languageForShebang(newline === -1 ? head : head.slice(0, newline));
    if (shebang) [file.language, file.languageType] = [shebang.name, shebang.type];
  }
  Object.assign(file, countLineBytes(bytes, commentSyntaxFor(file.language), valid));
  if (file.excluded) return;
  const lines = file.code + file.comment + file.blank;
  // A UTF-8 file has at least as many bytes as UTF-16 units, so the text is decoded for the
  // minified test only when its bytes alone would pass it.
  if (
    looksMinified(bytes.length, file.language, lines) &&
    looksMinified(decodeText(bytes).text.length, file.language, lines)
  )
    file.excluded = 'minified';
  else if (
    mayBeGenerated &&
    file.languageType === 'programming' &&
    hasGeneratedMarkerInBytes(bytes, valid)
  )
    file.excluded = 'generated';
}

/**
 * The first `chars` UTF-16 units of the text, decoding only the bytes they can take (at most
 * three bytes per unit in UTF-8, one in Latin-1).
 */
function textHead(bytes: Buffer, utf8: boolean, chars: number): string {
  const end = Math.min(bytes.length, utf8 ? chars * 3 + 3 : chars);
  return bytes.toString(utf8 ? 'utf8' : 'latin1', 0, end).slice(0, chars);
}

function summarise(files: readonly InventoryFile[]): LanguageSummary[] {
  const byLanguage = new Map<string, LanguageSummary>();
  for (const file of files) {
    if (!file.language || file.excluded) continue;
    const entry = byLanguage.get(file.language) ?? {
      language: file.language,
      files: 0,
      code: 0,
      comment: 0,
      blank: 0,
    };
    entry.files++;
    entry.code += file.code;
    entry.comment += file.comment;
    entry.blank += file.blank;
    byLanguage.set(file.language, entry);
  }
  return [...byLanguage.values()].sort(
    (a, b) => b.code - a.code || a.language.localeCompare(b.language),
  );
}
