/**
 * @module Streaming importer for OSV advisories: a per-ecosystem `all.zip` as OSV publishes it,
 * or a folder of OSV JSON files. Each record is validated and handed to a callback (the memory
 * store) or buffered into batches for a database writer, so memory stays at one record (or one
 * batch) at a time. Malformed, oversized
 * and non-JSON entries are skipped and counted; size caps stop zip bombs.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../result.ts';
import type { AdvisoryWriter, UpsertOutcome } from './advisory-store.ts';
import { defaultImportLimits, type ImportLimits } from './import-limits.ts';
import { validateOsvRecord, type OsvRecord } from './osv-types.ts';
import { openZip, type ZipArchive } from './zip-reader.ts';

export interface ImportStats {
  source: string;
  importedAt: string;
  entries: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skippedMalformed: number;
  skippedOversized: number;
  skippedNotJson: number;
  /** The first few reasons records were skipped, for the operator. */
  problems: string[];
  /** Set when a limit ended the import before the last entry. */
  stoppedEarly?: string;
}

export type RecordHandler = (record: OsvRecord) => UpsertOutcome | Promise<UpsertOutcome>;
export type BatchHandler = (records: OsvRecord[]) => Promise<UpsertOutcome[]>;

export type ImportOptions = (
  | {
      /** Called once per valid record; returns what the store did with it. */
      onRecord: RecordHandler;
      onBatch?: never;
    }
  | {
      /** Called with up to `batchSize` valid records at a time (a database's transaction). */
      onBatch: BatchHandler;
      onRecord?: never;
      /** Records per `onBatch` call; default 500. */
      batchSize?: number;
    }
) & {
  limits?: Partial<ImportLimits>;
  now?: Date;
};

export const defaultBatchSize = 500;

const maxProblems = 20;

/** Shared per-entry handling for zip and folder sources. */
class Accumulator {
  totalBytes = 0;
  private pending: OsvRecord[] = [];
  constructor(
    readonly stats: ImportStats,
    readonly limits: ImportLimits,
    readonly handler: { onRecord: RecordHandler } | { onBatch: BatchHandler; batchSize: number },
  ) {}

  /** Hands buffered records to the batch handler (no-op per record). */
  async flush(): Promise<void> {
    if (!('onBatch' in this.handler) || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const outcome of await this.handler.onBatch(batch)) this.stats[outcome]++;
  }

  note(problem: string): void {
    if (this.stats.problems.length < maxProblems) this.stats.problems.push(problem);
  }

  /** Whether another entry of `size` bytes may be read; records why not. */
  admit(name: string, size: number): 'read' | 'skip' | 'stop' {
    this.stats.entries++;
    if (this.stats.entries > this.limits.maxEntries) {
      this.stats.stoppedEarly = `more than ${this.limits.maxEntries} entries`;
      return 'stop';
    }
    if (!name.toLowerCase().endsWith('.json')) {
      this.stats.skippedNotJson++;
      return 'skip';
    }
    if (size > this.limits.maxRecordBytes) {
      this.stats.skippedOversized++;
      this.note(
        `${name}: ${size} bytes is over the ${this.limits.maxRecordBytes}-byte record limit`,
      );
      return 'skip';
    }
    if (this.totalBytes + size > this.limits.maxTotalBytes) {
      this.stats.stoppedEarly = `over the ${this.limits.maxTotalBytes}-byte total limit`;
      return 'stop';
    }
    this.totalBytes += size;
    return 'read';
  }

  async accept(name: string, text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.stats.skippedMalformed++;
      this.note(`${name}: not valid JSON`);
      return;
    }
    const record = validateOsvRecord(value);
    if (!record.ok) {
      this.stats.skippedMalformed++;
      this.note(`${name}: ${record.error}`);
      return;
    }
    if ('onBatch' in this.handler) {
      this.pending.push(record.value);
      if (this.pending.length >= this.handler.batchSize) await this.flush();
      return;
    }
    const outcome = await this.handler.onRecord(record.value);
    this.stats[outcome]++;
  }
}

async function importZip(path: string, acc: Accumulator): Promise<Result<void, string>> {
  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (error) {
    return err(
      `${path} is not a readable zip archive: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    for (let entry = await zip.next(); entry; entry = await zip.next()) {
      const verdict = acc.admit(entry.fileName, entry.uncompressedSize);
      if (verdict === 'stop') break;
      if (verdict === 'skip') continue;
      const data = zip.read(entry, acc.limits.maxRecordBytes);
      if (data.ok) {
        await acc.accept(entry.fileName, data.text);
      } else {
        acc.stats[data.reason === 'oversized' ? 'skippedOversized' : 'skippedMalformed']++;
        acc.note(`${entry.fileName}: ${data.message}`);
      }
    }
    return ok(undefined);
  } catch (error) {
    return err(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    zip.close();
  }
}

async function importFolder(root: string, acc: Accumulator): Promise<Result<void, string>> {
  const walk = async (dir: string): Promise<boolean> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(await walk(path))) return false;
        continue;
      }
      if (!entry.isFile()) continue;
      const verdict = acc.admit(path, (await stat(path)).size);
      if (verdict === 'stop') return false;
      if (verdict === 'read') await acc.accept(path, await readFile(path, 'utf8'));
    }
    return true;
  };
  await walk(root);
  return ok(undefined);
}

async function importFile(
  path: string,
  size: number,
  acc: Accumulator,
): Promise<Result<void, string>> {
  if (acc.admit(path, size) === 'read') await acc.accept(path, await readFile(path, 'utf8'));
  return ok(undefined);
}

/**
 * Imports every record of an OSV zip or folder through `onRecord`. Re-running on the same data
 * is idempotent as long as `onRecord` keeps the newer `modified` per id, as the stores do.
 */
export async function importOsv(
  path: string,
  options: ImportOptions,
): Promise<Result<ImportStats, string>> {
  const info = await stat(path).catch(() => null);
  if (!info) return err(`${path} does not exist`);
  const stats: ImportStats = {
    source: path,
    importedAt: (options.now ?? new Date()).toISOString(),
    entries: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skippedMalformed: 0,
    skippedOversized: 0,
    skippedNotJson: 0,
    problems: [],
  };
  const handler = options.onBatch
    ? {
        onBatch: options.onBatch,
        batchSize: Math.max(1, options.batchSize ?? defaultBatchSize),
      }
    : { onRecord: options.onRecord };
  const acc = new Accumulator(stats, { ...defaultImportLimits, ...options.limits }, handler);
  const done = info.isDirectory()
    ? await importFolder(path, acc)
    : path.toLowerCase().endsWith('.json')
      ? await importFile(path, info.size, acc)
      : await importZip(path, acc);
  if (!done.ok) return err(done.error);
  await acc.flush();
  return ok(stats);
}

/** Imports into a store and records the source and date of the batch. */
export async function importIntoStore(
  path: string,
  store: AdvisoryWriter,
  options: { limits?: Partial<ImportLimits>; now?: Date } = {},
): Promise<Result<ImportStats, string>> {
  const result = await importOsv(path, { ...options, onRecord: (record) => store.upsert(record) });
  if (result.ok)
    await store.recordSource({
      source: path,
      importedAt: result.value.importedAt,
      records: result.value.inserted + result.value.updated,
    });
  return result;
}
