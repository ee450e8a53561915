/**
 * @module `keel backup` and `keel restore`. Embedded: a consistent snapshot of the PGlite data
 * directory (a gzipped tarball, taken with the database closed to other writers). Server: plain
 * SQL from `pg_dump`, replayable by `keel restore` or psql.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PGlite } from '@electric-sql/pglite';
import { acquireDirectoryLock, DirectoryLockedError } from '../../server/db/directory-lock.ts';
import { openDatabase } from '../../server/db/database.ts';
import { CliError } from '../cli-error.ts';
import { configOrFail, withDatabase } from '../with-database.ts';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

function runPgDump(url: string, outFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'pg_dump',
      [
        '--no-owner',
        '--no-privileges',
        '--inserts',
        '--clean',
        '--if-exists',
        '--file',
        outFile,
        url,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === 'ENOENT'
            ? 'pg_dump was not found; install the PostgreSQL client tools (Debian: apt-get install postgresql-client)'
            : error.message,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new CliError(`pg_dump failed: ${stderr.trim().split('\n')[0] ?? code}`)),
    );
  });
}

async function backupEmbedded(dataDir: string, outFile: string): Promise<void> {
  if (!existsSync(path.join(dataDir, 'pgdata')))
    throw new CliError(`no embedded database in ${dataDir}; nothing to back up`);
  let database;
  try {
    database = await openDatabase({ kind: 'pglite', dataDir });
  } catch (error) {
    if (error instanceof DirectoryLockedError)
      throw new CliError(
        `${error.message}; the snapshot must be taken while no other process writes`,
      );
    throw error;
  }
  try {
    const blob = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(outFile, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  } finally {
    await database.close();
  }
}

async function restoreEmbedded(
  dataDir: string,
  file: string,
  force: boolean,
): Promise<string | undefined> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = (() => {
    try {
      return acquireDirectoryLock(dataDir);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  })();
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    let movedAside: string | undefined;
    if (existsSync(pgdata)) {
      if (!force)
        throw new CliError(
          `${dataDir} already holds a database; add --force to replace it (it is kept aside, not deleted)`,
        );
      movedAside = `${pgdata}.before-restore-${stamp()}`;
      renameSync(pgdata, movedAside);
    }
    try {
      const blob = new Blob([readFileSync(file)]);
      const pglite = await PGlite.create({ dataDir: pgdata, loadDataDir: blob });
      await pglite.query('select 1');
      await pglite.close();
    } catch (error) {
      if (movedAside) renameSync(movedAside, pgdata);
      throw new CliError(`${file} is not a Keel embedded backup: ${(error as Error).message}`);
    }
    return movedAside;
  } finally {
    lock.release();
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Write a backup: a data-directory snapshot (embedded) or SQL from pg_dump (server)',
    )
    .option('--out <file>', 'where to write it')
    .action(async (options: { out?: string }) => {
      const config = configOrFail();
      if (config.databaseUrl) {
        const out = options.out ?? `keel-backup-${stamp()}.sql`;
        await runPgDump(config.databaseUrl, out);
        process.stdout.write(`Backup written to ${out} (${statSync(out).size} bytes).\n`);
        return;
      }
      const out = options.out ?? `keel-backup-${stamp()}.tar.gz`;
      await backupEmbedded(config.dataDir, out);
      process.stdout.write(`Backup written to ${out} (${statSync(out).size} bytes).\n`);
    });

  program
    .command('restore <file>')
    .description('Restore a backup made by `keel backup` into the configured database')
    .option('--force', 'replace an existing database (embedded: the old one is kept aside)')
    .action(async (file: string, options: { force?: boolean }) => {
      if (!existsSync(file)) throw new CliError(`no such file: ${file}`, 2);
      const config = configOrFail();
      if (!config.databaseUrl) {
        const aside = await restoreEmbedded(config.dataDir, file, Boolean(options.force));
        process.stdout.write(
          `Restored ${file} into ${config.dataDir}.${aside ? ` The previous database is kept at ${aside}.` : ''}\n`,
        );
        return;
      }
      if (!options.force)
        throw new CliError(
          'restoring replaces every Keel table on the server; add --force to go ahead',
          2,
        );
      // pg_dump's psql meta-commands (\restrict) are not SQL: drop them before replaying.
      const script = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('\\'))
        .join('\n');
      await withDatabase(async (database) => {
        await database.query(`begin;\n${script}\ncommit;`);
      });
      process.stdout.write(`Restored ${file} into the PostgreSQL server.\n`);
    });
}
