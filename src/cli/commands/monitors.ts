/**
 * @module `keel monitors import <file> --client <id|name> [--dry-run] [--format …]`: an Uptime
 * Kuma backup (JSON) or a Gatus configuration (YAML) into a client's monitors, through the same
 * service as the API. Prints what each source monitor becomes and what could not be mapped.
 * Exit 2 on bad input (the line or field is named), 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/database.ts';
import { loadOrCreateKey } from '../../server/crypto/key-store.ts';
import { createSecretBox } from '../../server/crypto/secret-box.ts';
import { clients } from '../../server/db/schema.ts';
import { ssrfPolicyFrom } from '../../server/net/ssrf.ts';
import { ImportInputError, importMonitors } from '../../server/monitoring/import/import.service.ts';
import {
  importFormats,
  type ImportFormat,
  type ImportReport,
} from '../../shared/monitor-import.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

async function findClientId(db: Db, idOrName: string): Promise<string> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(idOrName);
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(isUuid ? eq(clients.id, idOrName) : sql`lower(${clients.name}) = lower(${idOrName})`);
  if (rows.length === 0) throw new CliError(`no client with id or name "${idOrName}"`, 2);
  if (rows.length > 1) throw new CliError(`several clients are named "${idOrName}"; use the id`, 2);
  return rows[0]!.id;
}

function printReport(report: ImportReport) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${report.format} import${report.dryRun ? ' (dry run: nothing written)' : ''}`);
  for (const m of report.monitors) {
    const kind = m.kind ? ` → ${m.kind}` : '';
    out(`${m.action.padEnd(9)} ${m.name || '(no name)'}  [${m.source}, ${m.sourceType}${kind}]`);
    if (m.reason) out(`          why: ${m.reason}`);
    for (const issue of m.issues) out(`          not mapped: ${issue.field}: ${issue.reason}`);
    if (m.pingToken) out(`          ping URL: /ping/${m.pingToken} (shown once)`);
  }
  for (const note of report.notes) out(`note: ${note.field}: ${note.reason}`);
  const c = report.counts;
  out(
    report.dryRun
      ? `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.skip} skipped`
      : `${c.create} created, ${c.update} updated, ${c.unchanged} unchanged, ${c.skip} skipped`,
  );
}

export function registerMonitorsCommand(program: Command): void {
  const monitors = program.command('monitors').description("Manage a client's uptime monitors");
  monitors
    .command('import <file>')
    .description('Import monitors from an Uptime Kuma backup (JSON) or a Gatus config (YAML)')
    .requiredOption('--client <id|name>', 'the client the monitors belong to')
    .option('--dry-run', 'show what would be imported and write nothing')
    .option('--format <format>', `${importFormats.join(' or ')} (default: from the file)`)
    .action(
      async (file: string, options: { client: string; dryRun?: boolean; format?: string }) => {
        if (options.format && !(importFormats as readonly string[]).includes(options.format))
          throw new CliError(`--format must be ${importFormats.join(' or ')}`, 2);
        let content: string;
        try {
          content = await readFile(file, 'utf8');
        } catch (error) {
          throw new CliError(`cannot read ${file}: ${(error as Error).message}`, 2);
        }
        const report = await withDatabase(async (database, config) => {
          const clientId = await findClientId(database.db, options.client);
          // Imported auth headers are sealed with the instance key, as through the API.
          const key = loadOrCreateKey({ envKey: config.encryptionKey, dataDir: config.dataDir });
          try {
            return await importMonitors({
              db: database.db,
              secretBox: createSecretBox(key.key, key.pending ? [key.pending] : []),
              clientId,
              content,
              fileName: file,
              format: options.format as ImportFormat | undefined,
              dryRun: Boolean(options.dryRun),
              policy: ssrfPolicyFrom(config),
            });
          } catch (error) {
            if (error instanceof ImportInputError)
              throw new CliError(`${file}: ${error.message}`, 2);
            throw error;
          }
        });
        printReport(report);
      },
    );
}
