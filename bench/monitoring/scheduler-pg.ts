// Scheduler on a PostgreSQL server with several worker processes: N HTTP monitors at a 60 s
// interval against a mock HTTP server on loopback (in this process), run by W child processes
// (each one scheduler loop, as in `keel worker`) on one fresh database, for D seconds.
// Reports the lag between each check's due time and its start (p50, p99, max over all workers),
// checks per second (done and needed), checks completed out of those due, double runs (the
// number of (monitor, due time) pairs recorded more than once: must be 0), and CPU share and
// peak RSS of each worker. Baseline in the same run: N/10 monitors (ratio of p99 lag).
//
// Usage: npx tsx bench/monitoring/scheduler-pg.ts [monitors=20000] [seconds=150] [workers=2]
// BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) must be allowed to create
// databases; each run creates keel_bench_<random> and drops it at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { jitterMs } from '../../src/server/monitoring/schedule.ts';
import {
  benchContext,
  insertMonitors,
  machineNote,
  quantile,
  startMockTarget,
} from './scheduler-kit.ts';

const INTERVAL_SECONDS = 60;
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface WorkerReport {
  id: string;
  lags: number[];
  /** Due time of each check (ms since the epoch), in the order of `lags`. */
  dues: number[];
  maxInFlight: number;
  cpuPercent: number;
  peakRssMiB: number;
}

// ---- worker process: one scheduler on the database until told to stop ----
async function worker(url: string) {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  const ctx = benchContext(database);
  const lags: number[] = [];
  const dues: number[] = [];
  let maxInFlight = 0;
  const scheduler = createMonitorScheduler(ctx, {
    // Every monitor points at the one loopback target: per-host politeness would be measured
    // instead of the scheduler.
    perHost: ctx.config.monitorConcurrency,
    onRun: ({ dueAt, startedAt }) => {
      lags.push(startedAt.getTime() - dueAt.getTime());
      dues.push(dueAt.getTime());
    },
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    maxInFlight = Math.max(maxInFlight, scheduler.inFlight());
  }, 100);
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  scheduler.start();
  process.stdout.write('ready\n');
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    if (String(chunk).includes('go')) {
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      lags.length = 0;
      dues.length = 0;
    }
    if (String(chunk).includes('stop')) break;
  }
  await scheduler.stop();
  clearInterval(sampler);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const report: WorkerReport = {
    id: scheduler.id,
    lags,
    dues,
    maxInFlight,
    cpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  await database.close();
  // A large line through a pipe: exit only once it is written.
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

// ---- parent: database, monitors, target, workers, figures ----
function startWorker(url: string): {
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<WorkerReport>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'worker', url],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready')) markReady();
  });
  const report = new Promise<WorkerReport>((resolve, reject) =>
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line) as WorkerReport);
      else reject(new Error(`worker exited with ${code}`));
    }),
  );
  return { child, ready, report };
}

async function run(n: number, seconds: number, workers: number, targetUrl: string) {
  const name = `keel_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await migrateDatabase(database);
    const ctx = benchContext(database);
    const ids = await insertMonitors(ctx, {
      n,
      url: targetUrl,
      intervalSeconds: INTERVAL_SECONDS,
      nextRunAt: () => null,
    });
    const started = Array.from({ length: workers }, () => startWorker(url.toString()));
    await Promise.all(started.map((w) => w.ready));
    // Everything due from 2 s from now, spread over the interval by the monitor's id.
    const start = Date.now() + 2000;
    await database.query(
      `update monitors m set next_run_at = $1::timestamptz + v.offset_ms * interval '1 millisecond'
         from unnest($2::uuid[], $3::int[]) as v(id, offset_ms) where m.id = v.id`,
      [new Date(start).toISOString(), ids, ids.map((id) => jitterMs(id, INTERVAL_SECONDS))],
    );
    for (const w of started) w.child.stdin!.write('go\n');
    const load = machineNote();
    await new Promise((r) => setTimeout(r, start - Date.now() + seconds * 1000));
    const end = Date.now();
    for (const w of started) w.child.stdin!.write('stop\n');
    const reports = await Promise.all(started.map((w) => w.report));
    const lags = reports.flatMap((r) => r.lags);
    // p99 lag per 10 s of due time: a stall shows where it happened (start-up or steady state).
    const windows = new Map<number, number[]>();
    for (const r of reports)
      r.dues.forEach((due, i) => {
        const w = Math.floor((due - start) / 10_000);
        if (!windows.has(w)) windows.set(w, []);
        windows.get(w)!.push(r.lags[i]!);
      });
    const p99By10s = [...windows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, xs]) => quantile(xs, 0.99));
    const { rows } = await database.query<{ doubles: number; done: number; expected: number }>(
      `select
         (select count(*)::int from (select 1 from monitor_results where due_at is not null
            group by monitor_id, due_at having count(*) > 1) d) as doubles,
         (select count(*)::int from monitor_results where due_at < $1::timestamptz) as done,
         (select coalesce(sum(floor(extract(epoch from ($1::timestamptz - ($2::timestamptz + v.o * interval '1 millisecond'))) / $3) + 1), 0)::int
            from unnest($4::int[]) as v(o)
           where $2::timestamptz + v.o * interval '1 millisecond' < $1::timestamptz) as expected`,
      [
        // Checks due in the last 5 s may still have been running when the workers stopped.
        new Date(end - 5000).toISOString(),
        new Date(start).toISOString(),
        INTERVAL_SECONDS,
        ids.map((id) => jitterMs(id, INTERVAL_SECONDS)),
      ],
    );
    const figures = rows[0]!;
    return {
      monitors: n,
      workers,
      seconds,
      neededChecksPerSecond: +(n / INTERVAL_SECONDS).toFixed(1),
      checksPerSecond: +(lags.length / seconds).toFixed(1),
      completed: `${figures.done}/${figures.expected}`,
      doubleRuns: figures.doubles,
      lagP50Ms: quantile(lags, 0.5),
      lagP99Ms: quantile(lags, 0.99),
      lagMaxMs: lags.length ? Math.max(...lags) : NaN,
      p99By10s,
      perWorker: reports.map((r) => ({
        checks: r.lags.length,
        maxInFlight: r.maxInFlight,
        cpuPercent: r.cpuPercent,
        cpuMsPerCheck: +(
          ((r.cpuPercent / 100) * seconds * 1000) /
          Math.max(1, r.lags.length)
        ).toFixed(2),
        peakRssMiB: r.peakRssMiB,
      })),
      machineAtStart: load,
    };
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

if (process.argv[2] === 'worker') {
  await worker(process.argv[3]!);
} else {
  const total = Number(process.argv[2] ?? 20_000);
  const seconds = Number(process.argv[3] ?? 150);
  const workers = Number(process.argv[4] ?? 2);
  const target = await startMockTarget();
  const baseline = await run(Math.max(1, Math.round(total / 10)), seconds, workers, target.url);
  console.log(JSON.stringify({ baseline }));
  const full = await run(total, seconds, workers, target.url);
  console.log(
    JSON.stringify({
      full,
      p99Ratio: +(full.lagP99Ms / Math.max(1, baseline.lagP99Ms)).toFixed(2),
    }),
  );
  target.close();
}
