/** @module Shared plumbing for commands that need Keel's configuration and database. */
import { ConfigError, loadConfig, type Config } from '../server/config/config.ts';
import type { Database } from '../server/db/database.ts';
import { DirectoryLockedError } from '../server/db/directory-lock.ts';
import { createLogger } from '../server/logger.ts';
import { openConfiguredDatabase } from '../server/db/open-configured.ts';
import { CliError } from './cli-error.ts';

export function configOrFail(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Opens (and migrates) the configured database for the length of `work`. */
export async function withDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = configOrFail();
  let database: Database;
  try {
    database = await openConfiguredDatabase(config, createLogger('silent'));
  } catch (error) {
    if (error instanceof DirectoryLockedError) throw new CliError(error.message);
    throw new CliError(`cannot open the database: ${(error as Error).message}`);
  }
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** Reads all of standard input (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
