/**
 * @module `keel deps <folder>`: lists the packages every lockfile in a folder installs and the
 * known vulnerabilities among them. Advisories come from Keel's database (filled by `keel
 * advisories import`) when one is configured (DATABASE_URL, or an existing data directory), from
 * `--advisories PATH` offline, or, with `--online`, from the OSV service (the only mode that
 * makes a network call: it sends package names and versions). Exit 1 when vulnerable packages
 * are found, 2 on bad usage or input (including a lockfile that could not be read, when nothing
 * vulnerable was found) or when the OSV service cannot be asked.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { refuseGitUrlForFolder } from '../repository-url.ts';
import { configOrFail, withDatabase } from '../with-database.ts';
import {
  buildInventory,
  fetchAdvisoriesOnline,
  importIntoStore,
  MemoryAdvisoryStore,
  osvApiUrl,
  scanFolder,
  toCycloneDx,
  toJsonReport,
  toSarifReport,
  toTextReport,
  type AdvisoryStore,
  type Inventory,
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
  refuseGitUrlForFolder(folder, 'keel deps');
  if (options.online) return runOnline(folder, options);
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

/** Asks the OSV service about the installed packages, then matches its records like any others. */
async function runOnline(folder: string, options: DepsOptions): Promise<void> {
  if (options.advisories)
    throw new CliError('--online and --advisories exclude each other: pick one source', 2);
  const root = resolve(folder);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new CliError(`${folder} is not a readable folder`, 2);
  const inventory = await buildInventory(root);
  const baseUrl = process.env.KEEL_OSV_API_URL || osvApiUrl;
  const store = new MemoryAdvisoryStore();
  const fetched = await fetchAdvisoriesOnline(inventory.packages, store, { baseUrl });
  if (!fetched.ok)
    throw new CliError(
      `${fetched.error}. Scan offline instead: keel advisories import <all.zip>, or --advisories PATH.`,
      2,
    );
  process.stderr.write(
    `keel: asked ${new URL(baseUrl).host} about ${fetched.value.queried} package version(s): ${fetched.value.advisories} advisory record(s)\n`,
  );
  return scanAndReport(folder, options, store, inventory);
}

async function scanAndReport(
  folder: string,
  options: DepsOptions,
  store: AdvisoryStore | undefined,
  inventory?: Inventory,
): Promise<void> {
  const scanned = await scanFolder({
    root: resolve(folder),
    ...(store ? { store } : {}),
    ...(inventory ? { inventory } : {}),
  });
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
    .option(
      '--online',
      "ask the OSV service instead of Keel's database (sends package names and versions; KEEL_OSV_API_URL sets its address)",
    )
    .action(async (folder: string, options: DepsOptions) => runDeps(folder, options));
}
