/**
 * @module `keel deps <folder>`: lists the packages every lockfile in a folder installs and the
 * known vulnerabilities among them. Advisories come from Keel's database (filled by `keel
 * advisories import`) when one is configured (DATABASE_URL, or an existing data directory), or
 * from `--advisories PATH` offline. Exit 1 when vulnerable packages are found, 2 on bad usage or
 * input (including a lockfile that could not be read, when nothing vulnerable was found).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { configOrFail, withDatabase } from '../with-database.ts';
import {
  importIntoStore,
  MemoryAdvisoryStore,
  scanFolder,
  toCycloneDx,
  toJsonReport,
  toSarifReport,
  toTextReport,
  type AdvisoryStore,
  type ScanReport,
} from '../../engines/deps/index.ts';

const formats = {
  text: toTextReport,
  json: toJsonReport,
  sarif: toSarifReport,
  cyclonedx: (r: ScanReport) => toCycloneDx(r),
} as const;
type Format = keyof typeof formats;

interface DepsOptions {
  format: Format;
  advisories?: string;
  /** false with --no-database: never open Keel's database. */
  database: boolean;
  online?: boolean;
}

async function runDeps(folder: string, options: DepsOptions): Promise<void> {
  if (options.online)
    throw new CliError(
      '--online is not available yet: scans use the local advisory database only (keel advisories import, or --advisories PATH).',
      2,
    );
  if (options.advisories) {
    const store = new MemoryAdvisoryStore();
    const imported = await importIntoStore(resolve(options.advisories), store);
    if (!imported.ok) throw new CliError(`cannot read advisories: ${imported.error}`, 2);
    const { skippedMalformed, skippedOversized, stoppedEarly } = imported.value;
    if (skippedMalformed + skippedOversized > 0 || stoppedEarly) {
      process.stderr.write(
        `keel: advisories: skipped ${skippedMalformed} malformed and ${skippedOversized} oversized record(s)${stoppedEarly ? `; stopped early: ${stoppedEarly}` : ''}\n`,
      );
    }
    return scanAndReport(folder, options, store);
  }
  if (!options.database) return scanAndReport(folder, options, undefined);
  const config = configOrFail();
  // Only an existing data directory counts: a scan must not create an empty database.
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pgdata'))) {
    process.stderr.write(
      `keel: no advisory database (no DATABASE_URL, no Keel data in ${config.dataDir}): listing packages only. Run \`keel advisories import <all.zip>\` first, or pass --advisories PATH.\n`,
    );
    return scanAndReport(folder, options, undefined);
  }
  // Loaded here so an offline scan does not pay for the database layer.
  const { advisoryStatus, DbAdvisoryStore } =
    await import('../../server/advisories/advisory-store.ts');
  await withDatabase(async (database) => {
    const status = await advisoryStatus(database.db);
    if (status.advisories === 0)
      process.stderr.write(
        'keel: the advisory database is empty: run `keel advisories import <all.zip>` first.\n',
      );
    await scanAndReport(folder, options, new DbAdvisoryStore(database.db));
  });
}

async function scanAndReport(
  folder: string,
  options: DepsOptions,
  store: AdvisoryStore | undefined,
): Promise<void> {
  const scanned = await scanFolder({ root: resolve(folder), ...(store ? { store } : {}) });
  if (!scanned.ok) throw new CliError(scanned.error, 2);
  const report = { ...scanned.value, root: folder };
  process.stdout.write(formats[options.format](report));
  if (options.format !== 'text') {
    for (const e of report.errors)
      process.stderr.write(
        `keel: ${e.file}${e.line === undefined ? '' : `:${e.line}`}: ${e.message}\n`,
      );
  }
  if (report.findings.length > 0) process.exitCode = 1;
  else if (report.errors.length > 0) process.exitCode = 2;
}

export function registerDepsCommand(program: Command): void {
  program
    .command('deps')
    .description(
      'List the packages the lockfiles in a folder install, and their known vulnerabilities (OSV).',
    )
    .argument('<folder>', 'folder to scan for lockfiles')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(Object.keys(formats))
        .default('text'),
    )
    .option(
      '--advisories <path>',
      "offline: match against an all.zip export, a folder of OSV JSON or one OSV JSON file instead of Keel's database",
      (value: string) => {
        if (value.trim() === '') throw new InvalidArgumentError('needs a path');
        return value;
      },
    )
    .option('--no-database', "do not open Keel's database (without --advisories: packages only)")
    .option('--online', 'query the OSV online service (not available yet)')
    .action(async (folder: string, options: DepsOptions) => runDeps(folder, options));
}
