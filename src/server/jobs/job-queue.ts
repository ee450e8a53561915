/**
 * @module The durable job queue: pg-boss on the same database as everything else. On PGlite it
 * runs through pg-boss's `db` adapter, on a server through the same adapter over the pool, so
 * both back ends share one code path. pg-boss claims jobs with FOR UPDATE SKIP LOCKED, so two
 * workers never run the same job, and expires jobs whose worker died so they run again.
 */
import PgBoss from 'pg-boss';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/database.ts';
import type { Job } from '../../shared/api.ts';
import type { AnyJob } from './job.ts';

export interface JobQueue {
  send(
    name: string,
    payload: object,
    options?: { startAfterSeconds?: number; singletonKey?: string },
  ): Promise<string | null>;
  /** Queues one job per payload in a single insert. */
  sendMany(name: string, payloads: object[]): Promise<void>;
  list(options: { limit: number; name?: string | undefined }): Promise<Job[]>;
}

export interface JobRunner extends JobQueue {
  /** Creates queues and schedules; with `work`, also starts processing. */
  start(options: { ctx: AppContext; work: boolean; concurrency: number }): Promise<void>;
  stop(options?: { graceful: boolean }): Promise<void>;
  boss: PgBoss;
}

export interface JobRunnerOptions {
  database: Database;
  jobs: AnyJob[];
  /** How often lost jobs (worker died) are looked for; pg-boss's maintenance interval. */
  maintenanceIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { database, jobs } = options;
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.query(text, values) },
    schema: 'pgboss',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const polling = options.pollingIntervalSeconds ?? 1;

  return {
    boss,
    async start({ ctx, work, concurrency }) {
      await boss.start();
      for (const job of jobs) {
        await boss.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retry?.limit ?? 3,
          retryDelay: job.retry?.delaySeconds ?? 30,
          retryBackoff: job.retry?.backoff ?? true,
          expireInSeconds: job.expireInSeconds ?? 15 * 60,
        });
        if (job.schedule)
          await boss.schedule(job.name, job.schedule.cron, {}, { tz: job.schedule.tz });
      }
      if (!work) return;
      for (const job of jobs) {
        const siblings: string[] = [];
        const batchSize = Math.max(1, job.batchSize ?? 1);
        const runOne = async (raw: PgBoss.Job<unknown>) => {
          const started = performance.now();
          try {
            const payload = job.payload.parse(raw.data);
            const result = await job.handler(payload, { ctx, jobId: raw.id });
            ctx.metrics.jobsCompleted.inc({ job: job.name, outcome: 'completed' });
            ctx.logger.info(
              { job: job.name, jobId: raw.id, ms: Math.round(performance.now() - started) },
              'job completed',
            );
            return result;
          } catch (error) {
            ctx.metrics.jobsCompleted.inc({ job: job.name, outcome: 'failed' });
            ctx.logger.warn({ job: job.name, jobId: raw.id, err: error }, 'job failed');
            throw error;
          }
        };
        const workers = Math.max(1, Math.min(job.concurrency ?? concurrency, concurrency, 8));
        for (let i = 0; i < workers; i++) {
          let workerId = '';
          workerId = await boss.work(
            job.name,
            {
              batchSize,
              pollingIntervalSeconds: Math.min(job.pollingIntervalSeconds ?? polling, polling),
            },
            async (batch) => {
              if (batch.length === 0) return;
              // Where there is one job there are often more (a burst of alerts): wake the idle
              // workers of this queue instead of leaving them asleep until their next poll.
              for (const sibling of siblings) if (sibling !== workerId) boss.notifyWorker(sibling);
              try {
                if (batchSize === 1) return await runOne(batch[0]!);
                // A batch: every job runs at once and settles on its own. The failed ones are
                // failed here (pg-boss retries each with its backoff); pg-boss then completes the
                // batch, which touches only the jobs still active, the ones that succeeded.
                const outcomes = await Promise.allSettled(batch.map((raw) => runOne(raw)));
                for (const [i, outcome] of outcomes.entries())
                  if (outcome.status === 'rejected')
                    await boss.fail(job.name, batch[i]!.id, errorOutput(outcome.reason));
                return undefined;
              } finally {
                // pg-boss waits a whole polling interval even after finding a job; a worker that
                // just finished one looks for the next at once (it waits only when none is left).
                boss.notifyWorker(workerId);
              }
            },
          );
          siblings.push(workerId);
        }
      }
    },
    async stop({ graceful } = { graceful: true }) {
      await boss.stop({ graceful, wait: true, timeout: 10_000, close: false });
    },
    async send(name, payload, sendOptions = {}) {
      const job = byName.get(name);
      if (!job) throw new Error(`unknown job ${name}`);
      job.payload.parse(payload);
      return boss.send(name, payload, {
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      });
    },
    async sendMany(name, payloads) {
      const job = byName.get(name);
      if (!job) throw new Error(`unknown job ${name}`);
      for (const payload of payloads) job.payload.parse(payload);
      if (payloads.length > 0) await boss.insert(payloads.map((data) => ({ name, data })));
    },
    async list({ limit, name }) {
      const values: unknown[] = [limit];
      // pg-boss's own bookkeeping (`__pgboss__send-it` fans out each schedule) is not Keel's work.
      const filter = name ? `where name = $2` : `where name not like '\\_\\_pgboss\\_\\_%'`;
      if (name) values.push(name);
      const { rows } = await database.query<{
        id: string;
        name: string;
        state: string;
        retry_count: number;
        created_on: Date | string;
        started_on: Date | string | null;
        completed_on: Date | string | null;
        output: unknown;
      }>(
        `select id, name, state, retry_count, created_on, started_on, completed_on, output from (
           select id, name, state, retry_count, created_on, started_on, completed_on, output from pgboss.job
           union all
           select id, name, state, retry_count, created_on, started_on, completed_on, output from pgboss.archive
         ) j ${filter} order by created_on desc limit $1`,
        values,
      );
      return rows.map((row) => ({
        id: String(row.id),
        name: row.name,
        state: row.state,
        retryCount: Number(row.retry_count),
        createdAt: new Date(row.created_on).toISOString(),
        startedAt: row.started_on ? new Date(row.started_on).toISOString() : null,
        completedAt: row.completed_on ? new Date(row.completed_on).toISOString() : null,
        lastError:
          row.state === 'failed' || row.state === 'retry' ? errorMessageOf(row.output) : null,
      }));
    },
  };
}

/** What pg-boss stores for a failed job: the same shape as when a single job's handler throws. */
function errorOutput(reason: unknown): object {
  if (reason instanceof Error) return { message: reason.message, stack: reason.stack };
  return { message: String(reason) };
}

function errorMessageOf(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output) return String(output.message);
  return output ? JSON.stringify(output).slice(0, 500) : null;
}
