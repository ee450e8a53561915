/**
 * @module Starting and stopping Keel: config → encryption key → database → migrations → jobs →
 * HTTP. Roles are chosen at start: `web` (HTTP), `worker` (jobs), or both (the default).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import type { AppContext } from './context.ts';
import { createSecretBox } from './crypto/secret-box.ts';
import { loadOrCreateKey } from './crypto/key-store.ts';
import type { Database } from './db/database.ts';
import { openConfiguredDatabase } from './db/open-configured.ts';
import { createJobRunner, type JobRunner } from './jobs/job-queue.ts';
import { allJobs } from './jobs/registry.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './system/metrics.ts';
import { buildApp } from './app.ts';
import { createMonitorScheduler } from './monitoring/scheduler.ts';
import { sealPlainWebhookUrls } from './monitoring/channel-secrets.ts';
import { sealPlainMonitorSecrets } from './monitoring/seal-plain-secrets.ts';

export interface KeelInstance {
  ctx: AppContext;
  app?: FastifyInstance;
  url?: string;
  runner: JobRunner;
  stop(): Promise<void>;
}

export async function startKeel(options: {
  config: Config;
  roles: { web: boolean; worker: boolean };
  logger?: Logger;
  /** An already opened (and migrated) database; closed on stop only when `ownsDatabase`. */
  database?: Database;
  ownsDatabase?: boolean;
}): Promise<KeelInstance> {
  const { config, roles } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const { key, source, pending } = loadOrCreateKey({
    envKey: config.encryptionKey,
    dataDir: config.dataDir,
  });
  if (pending)
    logger.warn('a key rotation was interrupted; run `keel key rotate` again to finish it');
  if (source === 'generated')
    logger.info({ file: `${config.dataDir}/keel.key` }, 'generated a new encryption key');
  const database = options.database ?? (await openConfiguredDatabase(config, logger));
  const metrics = createMetrics();
  const runner = createJobRunner({
    database,
    jobs: allJobs,
    onError: (error) => logger.warn({ err: error }, 'job queue error'),
  });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    logger,
    secretBox: createSecretBox(key, pending ? [pending] : []),
    jobs: runner,
    metrics,
  };
  // Building the HTTP app needs no database, so it overlaps the job queue's start-up.
  const [app] = await Promise.all([
    roles.web ? buildApp(ctx) : Promise.resolve(undefined),
    runner.start({ ctx, work: roles.worker, concurrency: config.workerConcurrency }),
  ]);

  // Monitor secrets (headers, query values) and webhook URLs stored in plain by an older
  // version are sealed before any check runs.
  await sealPlainMonitorSecrets(ctx).catch((error: unknown) =>
    logger.warn({ err: error }, 'sealing secret monitor values failed'),
  );
  await sealPlainWebhookUrls(ctx).catch((error: unknown) =>
    logger.warn({ err: error }, 'sealing webhook URLs failed'),
  );

  // Monitor checks run in a loop of their own (not one pg-boss job per check) on every worker.
  const scheduler = roles.worker ? createMonitorScheduler(ctx) : undefined;
  scheduler?.start();

  let url: string | undefined;
  if (app) {
    const address = await app.listen({ port: config.port, host: config.host });
    url =
      config.publicUrl ??
      address.replace('://127.0.0.1', '://localhost').replace('://[::1]', '://localhost');
  }

  let stopping: Promise<void> | undefined;
  return {
    ctx,
    app,
    url,
    runner,
    stop: () =>
      (stopping ??= (async () => {
        await app?.close();
        await scheduler?.stop();
        await runner.stop({ graceful: true });
        if (!options.database || options.ownsDatabase) await database.close();
      })()),
  };
}
