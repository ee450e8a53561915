/** @module Jobs used only by the job tests: each run is recorded in a table the test reads. */
import { z } from 'zod';
import { defineJob } from '../../src/server/jobs/job.ts';

export const RUNS_TABLE = `create table if not exists test_job_runs (job_id text not null, worker text not null, n int not null)`;

/**
 * Records which worker ran it. With `hold`, a run first notes its worker in `started` and waits
 * for `gate`: a worker whose slots are all held leaves the rest of the queue to the others.
 */
export function recordJob(worker: string, hold?: { started: Set<string>; gate: Promise<void> }) {
  return defineJob({
    name: 'test.record',
    description: 'Records which worker ran it.',
    payload: z.object({ n: z.number() }),
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    async handler(payload, { ctx, jobId }) {
      if (hold) {
        hold.started.add(worker);
        await hold.gate;
      }
      await ctx.database.query(
        'insert into test_job_runs (job_id, worker, n) values ($1, $2, $3)',
        [jobId, worker, payload.n],
      );
    },
  });
}

export const failingJob = defineJob({
  name: 'test.fail',
  description: 'Always fails.',
  payload: z.object({}),
  retry: { limit: 1, delaySeconds: 0, backoff: false },
  async handler() {
    throw new Error('the upstream API answered 502');
  },
});

/** Records its start, then either hangs (the worker is about to be killed) or finishes. */
export function hangingJob(worker: string, hang: boolean) {
  return defineJob({
    name: 'test.hang',
    description: 'Starts, then hangs in the worker that will be killed.',
    payload: z.object({}),
    retry: { limit: 3, delaySeconds: 0, backoff: false },
    expireInSeconds: 2,
    async handler(_payload, { ctx, jobId }) {
      await ctx.database.query('insert into test_job_runs (job_id, worker, n) values ($1, $2, 0)', [
        jobId,
        worker,
      ]);
      if (hang) await new Promise(() => undefined);
    },
  });
}

/** A job whose runs wait on `release()`; `running` and `most` count the runs in flight. */
export function gatedJob(name: string, concurrency?: number) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { running: 0, most: 0, done: 0, release: () => open() };
  const job = defineJob({
    name,
    description: 'Waits for the test to release it.',
    payload: z.object({}),
    retry: { limit: 0, delaySeconds: 0, backoff: false },
    ...(concurrency ? { concurrency } : {}),
    async handler() {
      state.running++;
      state.most = Math.max(state.most, state.running);
      await gate;
      state.running--;
      state.done++;
    },
  });
  return { job, state };
}
