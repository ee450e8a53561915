/**
 * @module `keel advisories import`: streams an OSV `all.zip`, a folder of OSV JSON files or one
 * JSON file into the database through the deps engine's importer (size limits against zip
 * bombs, malformed and oversized records skipped and counted), 500 records per transaction with
 * set-based upserts, then records the import (source, date, counts).
 */
import {
  defaultBatchSize,
  importOsv,
  type ImportLimits,
  type ImportStats,
} from '../../engines/deps/index.ts';
import type { Db } from '../db/database.ts';
import { advisoryImports } from '../db/schema.ts';
import { DbAdvisoryStore } from './advisory-store.ts';

export type ImportOutcome = { ok: true; value: ImportStats } | { ok: false; error: string };

export async function importAdvisories(options: {
  db: Db;
  path: string;
  /** What to record as the source (defaults to the path as given). */
  source?: string;
  limits?: Partial<ImportLimits>;
  /** Records per transaction (default 500). */
  batchSize?: number;
}): Promise<ImportOutcome> {
  const source = options.source ?? options.path;
  const store = new DbAdvisoryStore(options.db, source);
  const result = await importOsv(options.path, {
    onBatch: (records) => store.upsertBatch(records),
    batchSize: options.batchSize ?? defaultBatchSize,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (!result.ok) return result;
  const stats = result.value;
  await options.db.insert(advisoryImports).values({
    source,
    importedAt: new Date(stats.importedAt),
    records: stats.inserted + stats.updated,
    stats: {
      entries: stats.entries,
      inserted: stats.inserted,
      updated: stats.updated,
      unchanged: stats.unchanged,
      skippedMalformed: stats.skippedMalformed,
      skippedOversized: stats.skippedOversized,
      skippedNotJson: stats.skippedNotJson,
      stoppedEarly: stats.stoppedEarly ?? null,
    },
  });
  return result;
}
