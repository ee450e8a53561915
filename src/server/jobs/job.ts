/**
 * @module Job definitions: each background job is one file with a name, a payload schema, an
 * optional cron schedule (with its time zone), retry policy and a handler.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.ts';

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  payload: S;
  schedule?: { cron: string; tz: string };
  retry?: { limit: number; delaySeconds: number; backoff: boolean };
  /** After this long without finishing, the job counts as lost (its worker died) and is retried. */
  expireInSeconds?: number;
  /** How often an idle worker looks for this job (pg-boss's floor is 0.5 s): short for jobs someone waits on. */
  pollingIntervalSeconds?: number;
  /**
   * Jobs one worker claims in one fetch (one `for update skip locked limit N` query) and runs
   * concurrently; each still completes, fails and retries on its own. 1 (the default) for jobs
   * that are heavy; more for many small ones that mostly wait on the network (alerts).
   */
  batchSize?: number;
  /**
   * At most this many of the job run at once in one process (default: the process's
   * `KEEL_WORKER_CONCURRENCY`, capped at 8). 1 for jobs that each take a core and a lot of
   * memory (an audit), so a burst of them queues instead of running side by side.
   */
  concurrency?: number;
  handler(payload: z.output<S>, input: { ctx: AppContext; jobId: string }): Promise<unknown>;
}

export type AnyJob = JobDefinition<z.ZodType>;

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): AnyJob {
  return def;
}
