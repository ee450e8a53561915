// What sealed secret headers cost the scheduler: N HTTP monitors at a 30 s interval against a
// mock HTTP server on loopback, one scheduler loop on an in-memory PGlite for D seconds, first
// with plain headers only (the baseline, same run), then with every monitor holding its own
// sealed `Authorization` header (one credentials row each, so the cache has N entries to fill).
// Reports lag p50/p99, checks per second, CPU time per check, the start-up pass that seals N
// plain headers (`sealPlainMonitorSecrets`), and a cold cache fill of N credential rows (one
// query plus N AES-GCM opens, what the first passes after a start do).
// Usage: npx tsx bench/monitoring/secret-headers.ts [monitors=2000] [seconds=40]
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { jitterMs } from '../../src/server/monitoring/schedule.ts';
import { sealPlainMonitorSecrets } from '../../src/server/monitoring/seal-plain-secrets.ts';
import { createSecretCache } from '../../src/server/monitoring/secret-headers.ts';
import {
  benchContext,
  insertMonitors,
  machineNote,
  quantile,
  startMockTarget,
} from './scheduler-kit.ts';

const INTERVAL_SECONDS = 30;
const total = Number(process.argv[2] ?? 2000);
const seconds = Number(process.argv[3] ?? 40);
const target = await startMockTarget();

async function run(n: number, isSealed: boolean) {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const ids = await insertMonitors(ctx, {
    n,
    url: target.url,
    intervalSeconds: INTERVAL_SECONDS,
    nextRunAt: () => null,
  });
  const setup: Record<string, number> = {};
  if (isSealed) {
    await database.query(
      `update monitors set target = jsonb_set(target, '{headers}',
         jsonb_build_object('Authorization', 'Bearer tok_' || replace(id::text, '-', '')))`,
    );
    let t = performance.now();
    setup.sealed = await sealPlainMonitorSecrets(ctx);
    setup.startupPassMs = Math.round(performance.now() - t);
    const { rows } = await database.query<{ id: string }>(
      `select secret_credential_id as id from monitors`,
    );
    t = performance.now();
    await createSecretCache(ctx).load(rows.map((r) => r.id));
    setup.coldCacheFillMs = Math.round(performance.now() - t);
  }
  const lags: number[] = [];
  const scheduler = createMonitorScheduler(ctx, {
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
  await new Promise((r) => setTimeout(r, start - Date.now() + seconds * 1000));
  await scheduler.stop();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const { rows: down } = await database.query<{ n: number }>(
    `select count(*)::int as n from monitors where status = 'down'`,
  );
  await database.close();
  return {
    sealedHeaders: isSealed,
    monitors: n,
    seconds,
    checks: lags.length,
    neededChecksPerSecond: +(n / INTERVAL_SECONDS).toFixed(1),
    checksPerSecond: +(lags.length / seconds).toFixed(1),
    lagP50Ms: quantile(lags, 0.5),
    lagP99Ms: quantile(lags, 0.99),
    cpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
    cpuMsPerCheck: +((cpu.user + cpu.system) / 1000 / Math.max(1, lags.length)).toFixed(2),
    monitorsDown: down[0]?.n ?? 0,
    ...setup,
    machineAtStart: machine,
  };
}

const baseline = await run(total, false);
console.log(JSON.stringify({ baseline }));
const sealed = await run(total, true);
console.log(
  JSON.stringify({
    sealed,
    cpuPerCheckRatio: +(sealed.cpuMsPerCheck / Math.max(0.01, baseline.cpuMsPerCheck)).toFixed(2),
  }),
);
target.close();
