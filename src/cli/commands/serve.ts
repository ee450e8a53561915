/** @module `keel serve` (web + worker) and `keel worker` (extra workers on a PostgreSQL server). */
import type { Command } from 'commander';
import { DirectoryLockedError } from '../../server/db/directory-lock.ts';
import { createLogger } from '../../server/logger.ts';
import type { KeelInstance } from '../../server/runtime.ts';
import { CliError } from '../cli-error.ts';
import { configOrFail } from '../with-database.ts';

function stopOnSignals(instance: KeelInstance): void {
  let signalled = false;
  const stop = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    instance.ctx.logger.info({ signal }, 'stopping');
    instance.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function start(roles: { web: boolean; worker: boolean }): Promise<KeelInstance> {
  const config = configOrFail();
  const logger = createLogger(config.logLevel);
  try {
    // Open the database first and load the HTTP server and job queue while PGlite boots:
    // the two overlap, which is most of what a second start costs.
    const { openConfiguredDatabase } = await import('../../server/db/open-configured.ts');
    const opening = openConfiguredDatabase(config, logger);
    opening.catch(() => undefined);
    const { startKeel } = await import('../../server/runtime.ts');
    return await startKeel({ config, roles, logger, database: await opening, ownsDatabase: true });
  } catch (error) {
    if (error instanceof DirectoryLockedError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(`port ${config.port} is already in use; set PORT to another port`);
    }
    throw error;
  }
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Run Keel: the web server and a background worker in one process')
    .option('--no-worker', 'web only; run `keel worker` processes for jobs (needs DATABASE_URL)')
    .action(async (options: { worker: boolean }) => {
      const started = performance.now();
      const instance = await start({ web: true, worker: options.worker });
      stopOnSignals(instance);
      instance.ctx.logger.info(
        { url: instance.url, ms: Math.round(performance.now() - started) },
        'keel is ready',
      );
      process.stdout.write(`Keel is ready at ${instance.url}\n`);
    });

  program
    .command('worker')
    .description('Run an extra background worker (needs DATABASE_URL: a shared PostgreSQL server)')
    .action(async () => {
      if (!process.env.DATABASE_URL) {
        throw new CliError(
          'keel worker needs DATABASE_URL: the embedded database belongs to one process, and `keel serve` already runs a worker',
          2,
        );
      }
      const instance = await start({ web: false, worker: true });
      stopOnSignals(instance);
      process.stdout.write('Keel worker is running\n');
    });
}
