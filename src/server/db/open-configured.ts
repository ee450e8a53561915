/**
 * @module Opens the database the configuration names (PGlite data directory or DATABASE_URL)
 * and applies pending migrations. Kept apart from the runtime so CLI commands that only need
 * the database do not load the HTTP server and the job queue.
 */
import type { Config } from '../config/config.ts';
import { maskDatabaseUrl } from '../config/config.ts';
import type { Logger } from '../logger.ts';
import { openDatabase, type Database } from './database.ts';
import { migrateDatabase } from './migrate.ts';

export function databaseTarget(config: Config) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl, poolSize: config.dbPoolSize } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir } as const);
}

export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<Database> {
  const target = databaseTarget(config);
  logger.info(
    target.kind === 'postgres'
      ? { database: maskDatabaseUrl(target.url) }
      : { database: 'embedded', dataDir: config.dataDir },
    'opening database',
  );
  const database = await openDatabase(target);
  await migrateDatabase(database);
  return database;
}
