/**
 * @module `keel deps <folder>`: lists the packages every lockfile in a folder installs and the
 * known vulnerabilities among them. Exit 1 when vulnerable packages are found, 2 on bad usage
 * or input (including a lockfile that could not be read, when nothing vulnerable was found).
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import {
  importIntoStore,
  MemoryAdvisoryStore,
  scanFolder,
  toCycloneDx,
  toJsonReport,
  toSarifReport,
  toTextReport,
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
  online?: boolean;
}

async function runDeps(folder: string, options: DepsOptions): Promise<void> {
  if (options.online)
    throw new CliError(
      '--online is not available yet: scans use the local advisory database only (--advisories PATH).',
      2,
    );
  let store: MemoryAdvisoryStore | undefined;
  if (options.advisories) {
    store = new MemoryAdvisoryStore();
    const imported = await importIntoStore(resolve(options.advisories), store);
    if (!imported.ok) throw new CliError(`cannot read advisories: ${imported.error}`, 2);
    const { skippedMalformed, skippedOversized, stoppedEarly } = imported.value;
    if (skippedMalformed + skippedOversized > 0 || stoppedEarly) {
      process.stderr.write(
        `keel: advisories: skipped ${skippedMalformed} malformed and ${skippedOversized} oversized record(s)${stoppedEarly ? `; stopped early: ${stoppedEarly}` : ''}\n`,
      );
    }
  }
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
      'OSV advisories: an all.zip export, a folder of OSV JSON, or one OSV JSON file',
      (value: string) => {
        if (value.trim() === '') throw new InvalidArgumentError('needs a path');
        return value;
      },
    )
    .option('--online', 'query the OSV online service (not available yet)')
    .action(async (folder: string, options: DepsOptions) => runDeps(folder, options));
}
