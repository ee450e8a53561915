/**
 * @module `keel advisories import <all.zip | folder | file.json>`: loads OSV advisories into
 * Keel's database, where the server's dependency scans match against them. Incremental and
 * idempotent (a record is rewritten only when its `modified` date is newer); malformed and
 * oversized records are skipped and counted; zip entries are capped against bombs.
 * Exit 0 when the import ran (even with skipped records), 2 when the input cannot be read.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { importAdvisories } from '../../server/advisories/advisories.service.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

interface ImportFlags {
  format: 'text' | 'json';
  source?: string;
}

export function registerAdvisoriesCommand(program: Command): void {
  const advisories = program
    .command('advisories')
    .description('The OSV advisory database that dependency scans match against');
  advisories
    .command('import')
    .description('Import an OSV all.zip export, a folder of OSV JSON files, or one OSV JSON file')
    .argument('<path>', 'all.zip, a folder, or a .json file')
    .option('--source <label>', 'what to record as the source (default: the path)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action(async (path: string, flags: ImportFlags) => {
      await withDatabase(async (database) => {
        const result = await importAdvisories({
          db: database.db,
          path: resolve(path),
          source: flags.source ?? path,
        });
        if (!result.ok) throw new CliError(`cannot import advisories: ${result.error}`, 2);
        const s = result.value;
        if (flags.format === 'json') {
          const { problems, ...stats } = s;
          process.stdout.write(`${JSON.stringify({ ...stats, problems }, null, 2)}\n`);
        } else {
          // `entries` counts every entry read, skipped ones too: say how many were imported.
          const imported = s.inserted + s.updated + s.unchanged;
          const skipped = s.skippedMalformed + s.skippedOversized + s.skippedNotJson;
          const why = [
            [s.skippedMalformed, 'malformed'],
            [s.skippedOversized, 'too large'],
            [s.skippedNotJson, 'not JSON'],
          ]
            .filter(([n]) => n !== 0)
            .map(([n, what]) => `${n} ${what}`)
            .join(', ');
          process.stdout.write(
            `Imported ${imported} record${imported === 1 ? '' : 's'} from ${path}` +
              (skipped > 0 ? `, skipped ${skipped}: ${why}` : '') +
              ` (${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged).\n`,
          );
        }
        for (const problem of s.problems.slice(0, 5)) process.stderr.write(`keel: ${problem}\n`);
        if (s.stoppedEarly) process.stderr.write(`keel: stopped early: ${s.stoppedEarly}\n`);
      });
    });
}
