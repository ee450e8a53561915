/**
 * @module `keel decisions import <folder> --client <id|name>` and `keel decisions export <client>
 * --out <folder>`: a repository's ADR folder in and out of a client's decisions, through the same
 * service as the API (matched by number, so a re-import updates instead of duplicating).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/database.ts';
import { clients } from '../../server/db/schema.ts';
import { exportDecisions, importDecisions } from '../../server/decisions/decisions.transfer.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

async function findClientId(db: Db, idOrName: string): Promise<string> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrName);
  const rows = await db
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(isUuid ? eq(clients.id, idOrName) : sql`lower(${clients.name}) = lower(${idOrName})`);
  if (rows.length === 0) throw new CliError(`no client with id or name "${idOrName}"`, 2);
  if (rows.length > 1) throw new CliError(`several clients are named "${idOrName}"; use the id`, 2);
  return rows[0]!.id;
}

async function readFolder(folder: string) {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new CliError(`cannot read ${folder}: ${(error as Error).message}`, 2);
  }
  return Promise.all(
    names
      .filter((n) => /\.(md|markdown)$/i.test(n))
      .sort()
      .map(async (name) => ({ path: name, content: await readFile(join(folder, name), 'utf8') })),
  );
}

export function registerDecisionsCommand(program: Command): void {
  const decisions = program
    .command('decisions')
    .description('Import and export architecture decision records (MADR, Nygard)');
  decisions
    .command('import <folder>')
    .description("Import a folder of ADR files (e.g. a repository's docs/decisions)")
    .requiredOption('--client <id|name>', 'the client the decisions belong to')
    .action(async (folder: string, options: { client: string }) => {
      const files = await readFolder(folder);
      if (files.length === 0) throw new CliError(`no Markdown files in ${folder}`, 2);
      const report = await withDatabase(async (database) =>
        importDecisions({
          db: database.db,
          actor: 'cli',
          clientId: await findClientId(database.db, options.client),
          files,
        }),
      );
      for (const file of report.files) {
        const detail =
          file.message ?? (file.number ? `ADR-${String(file.number).padStart(4, '0')}` : '');
        process.stdout.write(`${file.outcome.padEnd(9)} ${file.path}  ${detail}\n`);
        for (const warning of file.warnings)
          process.stdout.write(`          warning: ${warning}\n`);
      }
      const c = report.counts;
      process.stdout.write(
        `${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed, ${c.skipped} skipped\n`,
      );
      if (c.failed > 0) process.exitCode = 1;
    });
  decisions
    .command('export <client>')
    .description("Write a client's decisions as MADR 4 Markdown files")
    .requiredOption('--out <folder>', 'where to write NNNN-title.md files')
    .action(async (client: string, options: { out: string }) => {
      const files = await withDatabase(async (database) =>
        exportDecisions(database.db, await findClientId(database.db, client)),
      );
      await mkdir(options.out, { recursive: true });
      for (const file of files) await writeFile(join(options.out, file.fileName), file.content);
      process.stdout.write(`Wrote ${files.length} decision file(s) to ${options.out}\n`);
    });
}
