/**
 * @module The AppContext tests and test worker processes run with: default config, a random
 * encryption key, fresh metrics, a silent logger unless one is given. No Vitest imports, so
 * child processes can use it too.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/server/config/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import type { Database } from '../../src/server/db/database.ts';
import type { JobQueue } from '../../src/server/jobs/job-queue.ts';
import { createLogger, type Logger } from '../../src/server/logger.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';

export function testContext(options: {
  database: Database;
  jobs: JobQueue;
  config?: Partial<Config>;
  logger?: Logger;
}): AppContext {
  return {
    config: { ...loadConfig({}), ...options.config },
    database: options.database,
    db: options.database.db,
    logger: options.logger ?? createLogger('silent'),
    secretBox: createSecretBox(randomBytes(32)),
    jobs: options.jobs,
    metrics: createMetrics(),
  };
}
