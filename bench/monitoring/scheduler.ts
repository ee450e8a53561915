// Scheduler lag on the embedded database: N HTTP monitors at a 30 s interval against a mock
// HTTP server on loopback, run for D seconds by one scheduler loop (default options, as in
// `keel serve`) on an in-memory PGlite. Reports p50/p99/max lag between each check's due time
// and its start, checks per second (done and needed), CPU share, CPU time per check and peak RSS
// of this process, and the machine's load average at the start. Baseline in the same run: N/10 monitors (ratio
// of p99 lag). The monitors are created first and made due only once the scheduler runs, from
// 2 s later, spread over the interval by their id (as `firstRunAt` does).
// Usage: npx tsx bench/monitoring/scheduler.ts [monitors=5000] [seconds=75]
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

const INTERVAL_SECONDS = 30;
const total = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 75);
const target = await startMockTarget();

async function run(n: number) {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const ids = await insertMonitors(ctx, {
    n,
    url: target.url,
    intervalSeconds: INTERVAL_SECONDS,
    nextRunAt: () => null,
  });
  const lags: number[] = [];
  const scheduler = createMonitorScheduler(ctx, {
    // Every monitor points at the one loopback target: per-host politeness (8 by default)
    // would be measured instead of the scheduler.
    perHost: ctx.config.monitorConcurrency,
    onRun: ({ dueAt, startedAt }) => lags.push(startedAt.getTime() - dueAt.getTime()),
  });
  scheduler.start();
  const start = Date.now() + 2000;
  await database.query(
    `update monitors m set next_run_at = $1::timestamptz + v.offset_ms * interval '1 millisecond'
       from unnest($2::uuid[], $3::int[]) as v(id, offset_ms) where m.id = v.id`,
    [new Date(start).toISOString(), ids, ids.map((id) => jitterMs(id, INTERVAL_SECONDS))],
  );
  const machine = machineNote();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  await new Promise((r) => setTimeout(r, start - Date.now() + seconds * 1000));
  await scheduler.stop();
  clearInterval(sampler);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await database.close();
  return {
    monitors: n,
    seconds,
    checks: lags.length,
    neededChecksPerSecond: +(n / INTERVAL_SECONDS).toFixed(1),
    checksPerSecond: +(lags.length / seconds).toFixed(1),
    lagP50Ms: quantile(lags, 0.5),
    lagP99Ms: quantile(lags, 0.99),
    lagMaxMs: lags.length ? Math.max(...lags) : NaN,
    cpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
    // CPU per check holds on a busy machine where the lag does not: 1000 / this = checks/s a
    // core could sustain.
    cpuMsPerCheck: +((cpu.user + cpu.system) / 1000 / Math.max(1, lags.length)).toFixed(2),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    machineAtStart: machine,
  };
}

const baseline = await run(Math.max(1, Math.round(total / 10)));
console.log(JSON.stringify({ baseline }));
const full = await run(total);
console.log(
  JSON.stringify({ full, p99Ratio: +(full.lagP99Ms / Math.max(1, baseline.lagP99Ms)).toFixed(2) }),
);
target.close();
