/**
 * @module Stage 1, inventory: every file of the tree with its language, line counts and whether it
 * counts for quality figures (generated, vendored, minified, binary and huge files do not).
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import ignore from 'ignore';
import type { AuditConfig } from '../config.ts';
import type { Exclusion, Inventory, InventoryFile, LanguageSummary, SkipNote } from '../types.ts';
import { commentSyntaxFor } from './comment-syntax.ts';
import { countLines } from './count-lines.ts';
import {
  hasGeneratedMarker,
  hasGitAttributes,
  isGeneratedPath,
  isTestPath,
  isVendoredPath,
  looksBinary,
  looksMinified,
  readLinguistAttributes,
} from './classify.ts';
import { languageForPath, languageForShebang } from './languages.ts';
import { listFiles, mapLimit } from './list-files.ts';

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

export async function runInventory(options: InventoryOptions): Promise<Inventory> {
  const { root, config } = options;
  const listing = await listFiles(root, options.isGitWorkTree);
  const skipped: SkipNote[] = [...listing.skipped];
  const paths = listing.files.map((file) => file.path);
  const attributes =
    options.isGitWorkTree && hasGitAttributes(paths)
      ? await readLinguistAttributes(root, paths)
      : new Map<string, Exclusion>();
  const userExcluded = config.exclude.length > 0 ? ignore().add(config.exclude) : null;
  const files: InventoryFile[] = new Array<InventoryFile>(listing.files.length);
  let done = 0;

  await mapLimit(listing.files, 32, async ({ path, bytes }, index) => {
    const detected = languageForPath(path);
    const file: InventoryFile = {
      path,
      bytes,
      language: detected?.name ?? null,
      languageType: detected?.type ?? null,
      excluded: null,
      isTest: isTestPath(path),
      isUtf8: true,
      code: 0,
      comment: 0,
      blank: 0,
    };
    files[index] = file;
    file.excluded = userExcluded?.ignores(path)
      ? 'config'
      : (attributes.get(path) ??
        (isVendoredPath(path) ? 'vendored' : isGeneratedPath(path) ? 'generated' : null));
    if (bytes > config.thresholds.maxFileBytes) {
      file.excluded ??= 'huge';
      if (file.excluded === 'huge')
        skipped.push({
          stage: 'inventory',
          path,
          reason: `larger than ${config.thresholds.maxFileBytes} bytes (${bytes}): not read`,
        });
    } else {
      await countFile(root, file);
    }
    if (options.onProgress && ++done % 500 === 0) options.onProgress(done, listing.files.length);
  });
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

async function countFile(root: string, file: InventoryFile): Promise<void> {
  const bytes = await readBytes(join(root, file.path));
  if (!bytes) {
    file.excluded ??= 'unreadable';
    return;
  }
  if (looksBinary(bytes)) {
    file.excluded ??= 'binary';
    file.language = null;
    file.languageType = null;
    return;
  }
  const { text, isUtf8: valid } = decodeText(bytes);
  file.isUtf8 = valid;
  if (!file.language) {
    const newline = text.indexOf('\n');
    const shebang = languageForShebang(
      text.slice(0, newline === -1 ? 200 : Math.min(newline, 200)),
    );
    if (shebang) [file.language, file.languageType] = [shebang.name, shebang.type];
  }
  Object.assign(file, countLines(text, commentSyntaxFor(file.language)));
  if (file.excluded) return;
  const lines = file.code + file.comment + file.blank;
  if (looksMinified(text, file.language, lines)) file.excluded = 'minified';
  else if (file.languageType === 'programming' && hasGeneratedMarker(text))
    file.excluded = 'generated';
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
