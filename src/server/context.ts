/** @module The services every route and job receives: one object, built once per process. */
import type { Config } from './config/config.ts';
import type { Database, Db } from './db/database.ts';
import type { Logger } from './logger.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { Metrics } from './system/metrics.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  secretBox: SecretBox;
  jobs: JobQueue;
  metrics: Metrics;
}
