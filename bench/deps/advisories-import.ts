/**
 * @module Bench: `keel advisories import` of a full OSV all.zip into Keel's database, on PGlite
 * (a data directory, as `keel` runs by default) and on a PostgreSQL server. Each stage runs in
 * its own child process so its peak RSS is its own. Baselines in the same run: reading and
 * parsing the same zip without a database (the ceiling), and the previous importer (one
 * transaction per record) on a subset.
 *
 * Usage: node --import tsx bench/deps/advisories-import.ts [--records N] [--baseline-records N]
 *          [--batch N] [--pg URL | --no-pg] [--dir DIR]
 * The PostgreSQL URL defaults to $BENCH_DATABASE_URL, else $TEST_DATABASE_URL; the bench creates
 * and drops its own databases there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { importOsv } from '../../src/engines/deps/index.ts';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { DbAdvisoryStore } from '../../src/server/advisories/advisory-store.ts';
import { openDatabase, type DatabaseTarget } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { writeOsvAllZip } from './osv-all-zip.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface StageResult {
  stage: string;
  records: number;
  ms: number;
  recordsPerSecond: number;
  maxRssMiB: number;
  detail?: Record<string, unknown>;
}

const maxRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function openTarget(target: string): Promise<DatabaseTarget> {
  return target.startsWith('postgres')
    ? { kind: 'postgres', url: target, poolSize: 2 }
    : { kind: 'pglite', dataDir: target };
}

/** One stage, in this (child) process; prints one JSON line. */
async function runStage(stage: string, zip: string, target: string): Promise<void> {
  const started = performance.now();
  if (stage === 'parse') {
    let records = 0;
    const result = await importOsv(zip, {
      onRecord: () => {
        records++;
        return 'inserted';
      },
    });
    if (!result.ok) throw new Error(result.error);
    const ms = performance.now() - started;
    print({ stage, records, ms, recordsPerSecond: (records / ms) * 1000, maxRssMiB: maxRssMiB() });
    return;
  }
  const database = await openDatabase(await openTarget(target));
  await migrateDatabase(database);
  try {
    const t0 = performance.now();
    if (stage.startsWith('per-record')) {
      const limit = Number(flag('--baseline-records') ?? 5000);
      const store = new DbAdvisoryStore(database.db, zip);
      const result = await importOsv(zip, {
        onRecord: (record) => store.upsert(record),
        limits: { maxEntries: limit },
      });
      if (!result.ok) throw new Error(result.error);
      const records = result.value.inserted + result.value.updated + result.value.unchanged;
      const ms = performance.now() - t0;
      print({
        stage,
        records,
        ms,
        recordsPerSecond: (records / ms) * 1000,
        maxRssMiB: maxRssMiB(),
      });
      return;
    }
    const batchSize = Number(flag('--batch') ?? 500);
    const result = await importAdvisories({ db: database.db, path: zip, batchSize });
    if (!result.ok) throw new Error(result.error);
    const s = result.value;
    const records = s.inserted + s.updated + s.unchanged;
    const ms = performance.now() - t0;
    print({
      stage,
      records,
      ms,
      recordsPerSecond: (records / ms) * 1000,
      maxRssMiB: maxRssMiB(),
      detail: {
        inserted: s.inserted,
        updated: s.updated,
        unchanged: s.unchanged,
        skipped: s.skippedMalformed + s.skippedOversized + s.skippedNotJson,
        batchSize,
      },
    });
  } finally {
    await database.close();
  }
}

function print(result: StageResult): void {
  process.stdout.write(
    `${JSON.stringify({ ...result, ms: Math.round(result.ms), recordsPerSecond: Math.round(result.recordsPerSecond) })}\n`,
  );
}

function child(stage: string, zip: string, target: string): StageResult {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      '--stage',
      stage,
      '--zip',
      zip,
      '--target',
      target,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  const line = out.trim().split('\n').at(-1)!;
  const result = JSON.parse(line) as StageResult;
  console.error(
    `  ${stage}: ${result.records} records in ${result.ms} ms (${result.recordsPerSecond}/s), peak RSS ${result.maxRssMiB} MiB`,
  );
  return result;
}

async function withPgDatabase<T>(base: string, work: (url: string) => T): Promise<T> {
  const name = `keel_bench_adv_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const stage = flag('--stage');
  if (stage) return runStage(stage, flag('--zip')!, flag('--target')!);

  const records = Number(flag('--records') ?? 100_000);
  const dir = flag('--dir') ?? path.join(os.tmpdir(), 'keel-bench-advisories');
  mkdirSync(dir, { recursive: true });
  const zip = path.join(dir, `all-${records}.zip`);
  const later = path.join(dir, `all-${records}-later.zip`);
  if (!existsSync(zip) || !existsSync(later)) {
    const t0 = performance.now();
    const { bytes } = writeOsvAllZip(zip, { records });
    // A later export of the same records: 5 % of them modified since.
    writeOsvAllZip(later, { records, modifiedShiftDays: 400, changedShare: 0.05 });
    console.error(
      `generated ${records} records, ${(bytes / 2 ** 20).toFixed(1)} MiB of JSON, zip ${(statSync(zip).size / 2 ** 20).toFixed(1)} MiB in ${Math.round(performance.now() - t0)} ms`,
    );
  }
  const pgBase = args.includes('--no-pg')
    ? undefined
    : (flag('--pg') ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);

  const results: Record<string, StageResult> = {};
  results.parse = child('parse', zip, '-');
  const pgliteDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-adv-pglite-'));
  const baselineDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-adv-pglite-base-'));
  try {
    results.pgliteImport = child('import', zip, pgliteDir);
    results.pgliteReimport = child('reimport', zip, pgliteDir);
    results.pgliteIncremental = child('incremental', later, pgliteDir);
    results.pglitePerRecord = child('per-record', zip, baselineDir);
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
  if (pgBase) {
    await withPgDatabase(pgBase, (url) => {
      results.postgresImport = child('import', zip, url);
      results.postgresReimport = child('reimport', zip, url);
      results.postgresIncremental = child('incremental', later, url);
    });
    await withPgDatabase(pgBase, (url) => {
      results.postgresPerRecord = child('per-record', zip, url);
    });
  }
  const ratio = (a?: StageResult, b?: StageResult): number | undefined =>
    a && b ? Number((a.recordsPerSecond / b.recordsPerSecond).toFixed(1)) : undefined;
  console.log(
    JSON.stringify(
      {
        records,
        zipMiB: Number((statSync(zip).size / 2 ** 20).toFixed(1)),
        loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
        results,
        speedupOverPerRecord: {
          pglite: ratio(results.pgliteImport, results.pglitePerRecord),
          postgres: ratio(results.postgresImport, results.postgresPerRecord),
        },
        shareOfParseCeiling: {
          pglite: ratio(results.pgliteImport, results.parse),
          postgres: ratio(results.postgresImport, results.parse),
        },
      },
      null,
      2,
    ),
  );
}

await main();
