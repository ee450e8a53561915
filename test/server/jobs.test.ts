/** Durable jobs: each job runs once across workers, failures retry and stay visible, lost jobs run again. */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { createJobRunner, type JobRunner } from '../../src/server/jobs/job-queue.ts';
import type { AnyJob } from '../../src/server/jobs/job.ts';
import { allJobs } from '../../src/server/jobs/registry.ts';
import { openTestDatabase, testDbKind } from './harness.ts';
import { failingJob, gatedJob, hangingJob, recordJob, RUNS_TABLE } from './test-jobs.ts';
import { testContext } from './test-context.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function startWorker(
  database: Database,
  jobs: AnyJob[],
  options: { maintenanceIntervalSeconds?: number } = {},
): Promise<JobRunner> {
  const runner = createJobRunner({ database, jobs, pollingIntervalSeconds: 0.5, ...options });
  const ctx = testContext({ database, jobs: runner });
  await runner.start({ ctx, work: true, concurrency: 2 });
  cleanups.push(() => runner.stop({ graceful: false }));
  return runner;
}

// Generous: on a loaded machine 100 jobs through PGlite's one connection can take a while.
async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('jobs', () => {
  it('runs each of 100 jobs exactly once with two workers on one database', async () => {
    const { database, url } = await openTestDatabase();
    cleanups.push(() => database.close());
    await database.query(RUNS_TABLE);
    // On a server each worker has its own connection pool, as two processes would.
    const second = url ? await openDatabase({ kind: 'postgres', url, poolSize: 3 }) : database;
    if (second !== database) cleanups.push(() => second.close());
    // On a server, the first runs wait until both workers hold one: an instant job let worker a
    // drain the queue alone on a loaded machine, and whether b took part was left to timing.
    let open!: () => void;
    const hold = { started: new Set<string>(), gate: new Promise<void>((r) => (open = r)) };
    const held = testDbKind === 'postgres' ? hold : undefined;
    const a = await startWorker(database, [recordJob('a', held)]);
    await startWorker(second, [recordJob('b', held)]);

    for (let n = 0; n < 100; n++) await a.send('test.record', { n });
    if (held) await waitFor(async () => (held.started.size === 2 ? true : undefined));
    open();
    const rows = await waitFor(async () => {
      const { rows } = await database.query<{ n: number; worker: string }>(
        'select n, worker from test_job_runs',
      );
      return rows.length >= 100 ? rows : undefined;
    });
    await new Promise((r) => setTimeout(r, 1500));
    const { rows: final } = await database.query<{ n: number; worker: string }>(
      'select n, worker from test_job_runs',
    );

    expect(final.length).toBe(100);
    expect(new Set(final.map((r) => r.n)).size).toBe(100);
    expect(rows.length).toBe(100);
    if (testDbKind === 'postgres')
      expect(new Set(final.map((r) => r.worker))).toEqual(new Set(['a', 'b']));
  }, 180_000);

  it('retries a failing job, then shows it failed with its last error', async () => {
    const { database } = await openTestDatabase();
    cleanups.push(() => database.close());
    const runner = await startWorker(database, [failingJob]);

    const id = await runner.send('test.fail', {});
    const job = await waitFor(async () => {
      const [found] = (await runner.list({ limit: 10, name: 'test.fail' })).filter(
        (j) => j.id === id,
      );
      return found?.state === 'failed' ? found : undefined;
    });

    expect(job.retryCount).toBe(1);
    expect(job.lastError).toBe('the upstream API answered 502');
  }, 180_000);

  it('runs a job that declares concurrency 1 one at a time, while other jobs use every worker', async () => {
    const { database } = await openTestDatabase();
    cleanups.push(() => database.close());
    const single = gatedJob('test.single', 1);
    const shared = gatedJob('test.shared');
    const runner = await startWorker(database, [single.job, shared.job]);

    for (let i = 0; i < 2; i++) {
      await runner.send('test.single', {});
      await runner.send('test.shared', {});
    }
    // Both workers of the other queue have picked up a job: the single job's queue has had as
    // long to start a second run, had it a second worker.
    await waitFor(async () => (shared.state.running === 2 ? true : undefined));
    const runningAtOnce = single.state.running;
    single.state.release();
    shared.state.release();
    await waitFor(async () => (single.state.done === 2 ? true : undefined));

    expect(runningAtOnce).toBe(1);
    expect(single.state.most).toBe(1);
    expect(shared.state.most).toBe(2);
    expect(allJobs.find((job) => job.name === 'audits.run')?.concurrency).toBe(1);
  });

  it("lists Keel's jobs without pg-boss's own bookkeeping", async () => {
    const { database } = await openTestDatabase();
    cleanups.push(() => database.close());
    const runner = await startWorker(database, [failingJob]);
    // What pg-boss's clock queues to fan out each schedule, next to one of Keel's jobs.
    await database.query(`insert into pgboss.job (name, data) values ('__pgboss__send-it', '{}')`);
    await runner.send('test.fail', {});

    const all = await runner.list({ limit: 50 });
    const asked = await runner.list({ limit: 50, name: '__pgboss__send-it' });

    expect(all.map((j) => j.name)).toContain('test.fail');
    expect(all.map((j) => j.name)).not.toContain('__pgboss__send-it');
    expect(asked).toHaveLength(1);
  });

  it('registers the scheduled jobs with their cron and time zone', async () => {
    const { database } = await openTestDatabase();
    cleanups.push(() => database.close());
    const runner = await startWorker(database, allJobs);

    const schedules = await runner.boss.getSchedules();

    expect(schedules.map((s) => [s.name, s.cron, s.options?.tz])).toContainEqual([
      'sessions.cleanup',
      '17 * * * *',
      'UTC',
    ]);
  });

  it.runIf(testDbKind === 'postgres')(
    'runs a job again when its worker process is killed mid-job (PostgreSQL)',
    async () => {
      const { database, url } = await openTestDatabase();
      cleanups.push(() => database.close());
      await database.query(RUNS_TABLE);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/server/fixtures/hanging-worker.ts'],
        { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.on('exit', (code) => reject(new Error(`worker exited early: ${code}`)));
      });
      const sender = createJobRunner({ database, jobs: [hangingJob('sender', false)] });
      await sender.boss.start();
      cleanups.push(() => sender.stop({ graceful: false }));
      const id = await sender.send('test.hang', {});
      await waitFor(async () =>
        (await database.query('select 1 from test_job_runs where worker = $1', ['doomed'])).rows
          .length
          ? true
          : undefined,
      );

      child.kill('SIGKILL');
      await startWorker(database, [hangingJob('survivor', false)], {
        maintenanceIntervalSeconds: 1,
      });
      const rerun = await waitFor(
        async () =>
          (
            await database.query<{ job_id: string }>(
              'select job_id from test_job_runs where worker = $1',
              ['survivor'],
            )
          ).rows[0],
        60_000,
      );

      expect(rerun.job_id).toBe(id);
    },
    90_000,
  );
});
