/** @module `keel demo`: load (or `--remove`) the demo portfolio. */
import type { Command } from 'commander';
import { loadDemo, removeDemo } from '../../server/demo/demo.service.ts';
import { withDatabase } from '../with-database.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Load a demo portfolio of three client companies (marked as demo)')
    .option('--remove', 'remove the demo clients instead')
    .action(async (options: { remove?: boolean }) => {
      await withDatabase(async (database) => {
        if (options.remove) {
          const { removed } = await removeDemo(database.db, 'cli');
          process.stdout.write(`Removed ${removed} demo client(s).\n`);
        } else {
          const { created } = await loadDemo(database.db, 'cli');
          process.stdout.write(
            created
              ? `Loaded ${created} demo clients.\n`
              : 'The demo portfolio is already loaded.\n',
          );
        }
      });
    });
}
