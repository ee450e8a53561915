/** @module `keel db migrate`: apply pending migrations (start does this too). */
import type { Command } from 'commander';
import { withDatabase } from '../with-database.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations to the configured database')
    .action(async () => {
      const kind = await withDatabase(async (database) => database.kind);
      process.stdout.write(
        `Migrations applied (${kind === 'pglite' ? 'embedded database' : 'PostgreSQL server'}).\n`,
      );
    });
}
