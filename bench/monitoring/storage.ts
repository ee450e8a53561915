// Storage per 1,000 monitors per year at a 60 s interval, projected from a run with rollups.
//
// 1. N HTTP monitors at 60 s against a mock HTTP server on loopback, run by the scheduler for
//    D seconds with the rollup (the `monitoring.rollup` job's `rollUp`) every 60 s: real rows.
// 2. Volume: each monitor's latest real result copied back in time once a minute for H hours
//    (realistic spacing; each latency phase scaled by a random 0.8–1.25, so the packed hours
//    compress like measured noise, not like copies), then rolled up, so that sizes per row are
//    measured on hundreds of thousands of rows rather than a few pages.
// 3. Bytes per row = pg_total_relation_size (heap, indexes, TOAST) / rows, for monitor_results
//    (before packing) and monitor_rollups; rollup rows per monitor per grain and hour as the
//    rollup code wrote them (so a change of grain or retention shows up in the projection by
//    itself). Then the product's packing (pack.ts `packResults`, as the rollup job runs it) and
//    bytes per packed monitor-hour of `monitor_result_hours`, measured the same way.
// 4. Projection, steady state after a year: raw rows for the last 3 hours at most (packing takes
//    whole hours older than 2 h), packed hours for the raw retention (7 days by default),
//    minute/hour/day rollups for their retention (ROLLUP_RETENTION_HOURS), scaled to 1,000
//    monitors. Goal: < 1 GB (10^9 bytes). Deleted rows' space is reused by autovacuum in steady
//    state; the projection counts live rows at the measured density.
//
// Usage: npx tsx bench/monitoring/storage.ts [pglite|postgres] [monitors=1000] [seconds=130] [hours=6]
// postgres: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) creates
// keel_bench_<random> and drops it at the end; pglite: a data directory under the temp dir.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { PACK_AFTER_MS, packResults } from '../../src/server/monitoring/pack.ts';
import { ROLLUP_RETENTION_HOURS, rollUp } from '../../src/server/monitoring/rollups.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { jitterMs } from '../../src/server/monitoring/schedule.ts';
import { benchContext, insertMonitors, machineNote, startMockTarget } from './scheduler-kit.ts';

const INTERVAL_SECONDS = 60;
const ROLLUP_RETENTION_DAYS = {
  minute: ROLLUP_RETENTION_HOURS.minute / 24,
  hour: ROLLUP_RETENTION_HOURS.hour / 24,
  day: ROLLUP_RETENTION_HOURS.day / 24,
};
const kind = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const n = Number(process.argv[3] ?? 1000);
const seconds = Number(process.argv[4] ?? 130);
const hours = Number(process.argv[5] ?? 6);
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function open(): Promise<{ database: Database; cleanup: () => Promise<void>; dir?: string }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-storage-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    return {
      database,
      dir,
      cleanup: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `keel_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const { database, cleanup, dir } = await open();
const target = await startMockTarget();
try {
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const machine = machineNote();
  // 1. A real run: the scheduler and the rollup every minute.
  const ids = await insertMonitors(ctx, {
    n,
    url: target.url,
    intervalSeconds: INTERVAL_SECONDS,
    nextRunAt: () => null,
  });
  const scheduler = createMonitorScheduler(ctx, { perHost: ctx.config.monitorConcurrency });
  scheduler.start();
  const start = Date.now() + 2000;
  await database.query(
    `update monitors m set next_run_at = $1::timestamptz + v.offset_ms * interval '1 millisecond'
       from unnest($2::uuid[], $3::int[]) as v(id, offset_ms) where m.id = v.id`,
    [new Date(start).toISOString(), ids, ids.map((id) => jitterMs(id, INTERVAL_SECONDS))],
  );
  const rollups = setInterval(() => void rollUp(ctx), 60_000);
  await new Promise((r) => setTimeout(r, start - Date.now() + seconds * 1000));
  clearInterval(rollups);
  await scheduler.stop();
  await rollUp(ctx);
  const count = async (table: string) =>
    Number(
      (await database.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n,
    );
  const realResults = await count('monitor_results');
  // Monitors with a real result (all of them once the run lasts an interval): the synthetic
  // volume is theirs.
  const checked = Number(
    (
      await database.query<{ n: number }>(
        'select count(distinct monitor_id)::int as n from monitor_results',
      )
    ).rows[0]!.n,
  );

  // 2. Volume: the latest real result of each monitor, once a minute for `hours` hours back.
  await database.query(
    `insert into monitor_results (monitor_id, at, due_at, ok, status, fault, message, status_code,
                                  dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, run_by)
     select r.monitor_id, r.at - g * interval '1 minute', r.due_at - g * interval '1 minute', r.ok,
            r.status, r.fault, r.message, r.status_code, r.dns_ms * (0.8 + random() * 0.45),
            r.connect_ms * (0.8 + random() * 0.45), r.tls_ms * (0.8 + random() * 0.45),
            r.first_byte_ms * (0.8 + random() * 0.45), r.total_ms * (0.8 + random() * 0.45),
            r.run_by
       from (select distinct on (monitor_id) * from monitor_results order by monitor_id, at desc) r
      cross join generate_series(1, $1::int) g`,
    [hours * 60],
  );
  await database.query(
    `update monitor_rollup_state set rolled_until = now() - make_interval(hours => $1::int + 1)`,
    [hours],
  );
  await rollUp(ctx, { settleSeconds: 0 });
  await database.query('vacuum analyze monitor_results');
  await database.query('vacuum analyze monitor_rollups');

  // 3. Bytes per row, rows per monitor per grain.
  const size = async (table: string) =>
    Number(
      (await database.query<{ b: string }>(`select pg_total_relation_size('${table}') as b`))
        .rows[0]!.b,
    );
  const results = await count('monitor_results');
  const rollupRows = await count('monitor_rollups');
  const resultBytes = await size('monitor_results');
  const rollupBytes = await size('monitor_rollups');
  const { rows: grains } = await database.query<{ grain: string; n: number }>(
    `select grain, count(*)::int as n from monitor_rollups
      where start >= now() - make_interval(hours => $1::int) and start < now() - interval '1 hour'
      group by grain`,
    [hours - 1],
  );
  // Rows written per monitor per hour of checks, measured on whole hours of synthetic data.
  const perMonitorHour = (grain: string) =>
    Number(grains.find((g) => g.grain === grain)?.n ?? 0) / checked / (hours - 2);
  const split = async (table: string) => {
    const { rows } = await database.query<{ heap: string; indexes: string }>(
      `select pg_relation_size('${table}') as heap, pg_indexes_size('${table}') as indexes`,
    );
    return {
      heapMB: +(Number(rows[0]!.heap) / 1e6).toFixed(1),
      indexesMB: +(Number(rows[0]!.indexes) / 1e6).toFixed(1),
    };
  };
  const resultSplit = await split('monitor_results');
  const rollupSplit = await split('monitor_rollups');
  const bytesPerResult = resultBytes / results;

  // 3b. The product's packing, then bytes per packed monitor-hour.
  const packStart = performance.now();
  let packed = { hours: 0, results: 0 };
  for (;;) {
    const step = await packResults(ctx, new Date(), 1000);
    packed = { hours: packed.hours + step.hours, results: packed.results + step.results };
    if (step.hours === 0) break;
  }
  const packMs = performance.now() - packStart;
  await database.query('vacuum analyze monitor_result_hours');
  const packedRows = await count('monitor_result_hours');
  const packedBytes = await size('monitor_result_hours');
  const packedSplit = await split('monitor_result_hours');
  const { rows: packedData } = await database.query<{ data: number; results: number }>(
    'select avg(length(data))::float8 as data, avg(results)::float8 as results from monitor_result_hours',
  );
  // The oldest synthetic hour is partial: project a full hour (3600 / interval results) from the
  // measured data bytes per result plus the measured per-row overhead (header, index, slack).
  const dataPerRow = Number(packedData[0]?.data ?? 0);
  const dataPerResult = dataPerRow / Number(packedData[0]?.results ?? 1);
  const bytesPerPackedHour =
    packedBytes / packedRows - dataPerRow + dataPerResult * (3600 / INTERVAL_SECONDS);
  const bytesPerRollup = rollupBytes / rollupRows;
  // Rows of each grain differ (minute rows carry no histogram): each grain's own data size plus
  // the per-row overhead (tuple header, line pointer, index entries, page slack) of the table.
  const { rows: sizes } = await database.query<{ grain: string; n: number; data: number }>(
    `select grain, count(*)::int as n, avg(pg_column_size(r.*))::float8 as data
       from monitor_rollups r group by grain`,
  );
  const overhead =
    (rollupBytes - sizes.reduce((sum, g) => sum + Number(g.n) * Number(g.data), 0)) / rollupRows;
  const bytesPerGrain = (grain: string) => {
    const g = sizes.find((x) => x.grain === grain) ?? sizes.find((x) => x.grain === 'hour');
    return Number(g?.data ?? 0) + overhead;
  };

  // 4. Projection per 1,000 monitors, a year in.
  const rawDays = ctx.config.monitorRawRetentionDays;
  const year = 365;
  // Rows not packed yet: at most the last PACK_AFTER_MS plus the hour being filled.
  const rawHours = PACK_AFTER_MS / 3_600_000 + 1;
  const resultRowsYear = 1000 * (3600 / INTERVAL_SECONDS) * rawHours;
  const packedRowsYear = 1000 * 24 * Math.min(rawDays, year);
  const rowsYear = {
    minute: 1000 * perMonitorHour('minute') * 24 * Math.min(ROLLUP_RETENTION_DAYS.minute, year),
    hour: 1000 * perMonitorHour('hour') * 24 * Math.min(ROLLUP_RETENTION_DAYS.hour, year),
    // Day rows: one per day per monitor (too few in a few hours to measure the rate).
    day: 1000 * Math.min(ROLLUP_RETENTION_DAYS.day, year),
  };
  const rollupRowsYear = rowsYear.minute + rowsYear.hour + rowsYear.day;
  const rollupBytesYear =
    rowsYear.minute * bytesPerGrain('minute') +
    rowsYear.hour * bytesPerGrain('hour') +
    rowsYear.day * bytesPerGrain('day');
  const projected =
    resultRowsYear * bytesPerResult + packedRowsYear * bytesPerPackedHour + rollupBytesYear;
  let dataDirBytes: number | undefined;
  if (dir) dataDirBytes = Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
  const mb = (b: number) => Math.round(b / 1e6);
  console.log(
    JSON.stringify(
      {
        database: kind,
        monitors: n,
        seconds,
        realResults,
        monitorsChecked: checked,
        syntheticHours: hours,
        measured: {
          results,
          resultBytes,
          bytesPerResult: Math.round(bytesPerResult),
          resultSplit,
          packedHours: packedRows,
          packedResults: packed.results,
          packSeconds: +(packMs / 1000).toFixed(1),
          bytesPerPackedRow: Math.round(packedBytes / packedRows),
          packedDataBytesPerRow: Math.round(dataPerRow),
          packedDataBytesPerResult: +dataPerResult.toFixed(1),
          resultsPerPackedHour: +Number(packedData[0]?.results ?? 0).toFixed(1),
          packedSplit,
          rollupRows,
          rollupBytes,
          bytesPerRollupRow: Math.round(bytesPerRollup),
          rollupSplit,
          bytesPerRollupRowByGrain: {
            minute: Math.round(bytesPerGrain('minute')),
            hour: Math.round(bytesPerGrain('hour')),
            day: Math.round(bytesPerGrain('day')),
          },
          rollupRowsPerMonitorHour: {
            minute: +perMonitorHour('minute').toFixed(2),
            hour: +perMonitorHour('hour').toFixed(2),
          },
          ...(dataDirBytes !== undefined ? { pgliteDataDirMB: mb(dataDirBytes) } : {}),
        },
        projectionPer1000MonitorsYear: {
          retentionHours: { raw: rawDays * 24, ...ROLLUP_RETENTION_HOURS },
          bytesPerFullPackedHour: Math.round(bytesPerPackedHour),
          rawRows: resultRowsYear,
          rawMB: mb(resultRowsYear * bytesPerResult),
          packedHourRows: packedRowsYear,
          packedMB: mb(packedRowsYear * bytesPerPackedHour),
          rollupRows: Math.round(rollupRowsYear),
          rollupsMB: mb(rollupBytesYear),
          totalMB: mb(projected),
          goalMB: 1000,
          meetsGoal: projected < 1e9,
        },
        machineAtStart: machine,
      },
      null,
      1,
    ),
  );
} finally {
  target.close();
  await cleanup();
}
