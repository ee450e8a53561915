/**
 * @module Stage 4, duplication: jscpd over the files that count (not generated, vendored,
 * minified, binary or huge), falling back to the built-in detector when jscpd is unavailable.
 */
import { join } from 'node:path';
import type { DuplicationResult, InventoryFile, SkipNote } from '../types.ts';
import { decodeText, readBytes } from '../inventory/inventory.ts';
import { DuplicateDetector } from './builtin.ts';
import { runJscpd } from './jscpd.ts';

/**
 * Clones kept, largest first: each is a finding, so all are kept up to a bound for memory (a
 * fragment is up to 2,000 characters); the totals and percentage count every clone, and a cut
 * is reported in `skipped`.
 */
export const MAX_CLONES = 10_000;

export interface DuplicationOptions {
  root: string;
  files: readonly InventoryFile[];
  maxFileBytes: number;
  /** `auto` (default): jscpd up to `jscpdMaxBytes` of source, built-in above; `off` skips the stage. */
  detector?: 'auto' | 'jscpd' | 'builtin' | 'off';
  jscpdMaxBytes?: number;
}

export async function runDuplication(
  options: DuplicationOptions,
  skipped: SkipNote[],
): Promise<DuplicationResult> {
  const files = options.files.filter(
    (file) =>
      !file.excluded && file.code > 0 && file.languageType === 'programming' && !file.isTest,
  );
  if (files.length === 0 || options.detector === 'off') {
    if (options.detector === 'off')
      skipped.push({ stage: 'duplication', reason: 'duplication detection is off in the config' });
    return { detector: 'none', totalLines: 0, duplicatedLines: 0, percentage: 0, clones: [] };
  }
  const sourceBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const limit = options.jscpdMaxBytes ?? 24 * 1024 * 1024;
  const useJscpd =
    options.detector === 'jscpd' ||
    ((options.detector ?? 'auto') === 'auto' && sourceBytes <= limit);
  if (!useJscpd && options.detector !== 'builtin') {
    skipped.push({
      stage: 'duplication',
      reason: `${Math.round(sourceBytes / 1024 ** 2)} MiB of source is over duplication.jscpdMaxBytes: the built-in detector was used to bound memory`,
    });
  }
  if (useJscpd) {
    const counted = new Map(
      files.map((file) => [file.path, file.code + file.comment + file.blank]),
    );
    const result = await runJscpd({
      root: options.root,
      files: counted,
      maxFileBytes: options.maxFileBytes,
    });
    if (result.ok) return cap(result.value, skipped);
    skipped.push({
      stage: 'duplication',
      reason: `${result.error}; the built-in detector was used instead`,
    });
  }
  // One file's text at a time: the detector keeps line hashes only.
  const detector = new DuplicateDetector();
  for (const file of files) {
    const bytes = await readBytes(join(options.root, file.path));
    if (bytes)
      detector.add(file.path, decodeText(bytes).text, file.code + file.comment + file.blank);
  }
  return cap(detector.result(), skipped);
}

function cap(result: DuplicationResult, skipped: SkipNote[]): DuplicationResult {
  const clones = [...result.clones].sort(
    (a, b) => b.lines - a.lines || a.a.path.localeCompare(b.a.path),
  );
  if (clones.length > MAX_CLONES)
    skipped.push({
      stage: 'duplication',
      reason: `${clones.length - MAX_CLONES} of ${clones.length} clones (the smallest) past the limit of ${MAX_CLONES} were not listed; the duplicated-line figures count them all`,
    });
  return { ...result, clones: clones.slice(0, MAX_CLONES) };
}
