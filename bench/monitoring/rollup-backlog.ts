// A rollup backlog: the `monitoring.rollup` job failed (or Keel was upgraded onto a busy
// database) while checks went on, so hours of raw results wait. `rollUp` takes them in 5-minute
// slices, each its own transaction; the baseline, in the same script, is the same code with one
// slice for the whole backlog (what `rollUp` did before).
//
// A child process writes the backlog once into an embedded database folder: N monitors, H hours
// of results at a 60 s interval (N × 60 × H rows, every 20th failed, written as they happened).
// Then each variant runs in a child process of its own on a copy of that folder, so its peak RSS
// (`process.resourceUsage().maxRSS`, PGlite's heap included) is opening the database plus the
// rollup, nothing else: wall time, slices, RSS once opened and at the peak.
//
// Usage: npx tsx bench/monitoring/rollup-backlog.ts [monitors=5000] [hours=2]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { rollUp } from '../../src/server/monitoring/rollups.ts';
import { benchContext, insertMonitors, machineNote } from './scheduler-kit.ts';

const n = Number(process.argv[2] ?? 5000);
const hours = Number(process.argv[3] ?? 2);
const variant = process.argv[4] as 'prepare' | 'sliced' | 'one-slice' | undefined;
const dataDir = process.argv[5]!;
const MiB = 1024 * 1024;

if (variant === 'prepare') {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const ids = await insertMonitors(ctx, {
    n,
    url: 'http://127.0.0.1:9/',
    intervalSeconds: 60,
    nextRunAt: () => null,
  });
  const start = Math.floor((Date.now() - hours * 3_600_000) / 60_000) * 60_000;
  await database.query(
    `insert into monitor_rollup_state (id, rolled_until) values ('main', $1::timestamptz)
     on conflict (id) do update set rolled_until = excluded.rolled_until`,
    [new Date(start).toISOString()],
  );
  // One minute of every monitor per statement: the backlog is written as the scheduler would.
  for (let minute = 0; minute < hours * 60; minute++)
    await database.query(
      `insert into monitor_results (monitor_id, at, ok, status, message, total_ms, recorded_at)
       select id, t, k % 20 <> 0, case when k % 20 = 0 then 'down' else 'up' end, 'status 200',
              40 + (k * 7919) % 400, t
         from unnest($1::uuid[]) with ordinality as m(id, k),
              lateral (select $2::timestamptz + (k % 60) * interval '1 second' as t) as s`,
      [ids, new Date(start + minute * 60_000).toISOString()],
    );
  await database.close();
} else if (variant) {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const ctx = benchContext(database);
  const rssBefore = process.memoryUsage().rss;
  const began = performance.now();
  const rolled = await rollUp(ctx, variant === 'one-slice' ? { sliceMinutes: 1e7 } : {});
  const ms = performance.now() - began;
  await database.close();
  console.log(
    JSON.stringify({
      variant,
      results: rolled.results,
      slices: rolled.slices,
      seconds: +(ms / 1000).toFixed(2),
      rssBeforeMiB: Math.round(rssBefore / MiB),
      peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
    }),
  );
} else {
  const root = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-backlog-'));
  const child = (v: string, dir: string) =>
    execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, `${n}`, `${hours}`, v, dir],
      { encoding: 'utf8', maxBuffer: 16 * MiB },
    );
  const machine = machineNote();
  child('prepare', path.join(root, 'backlog'));
  const run = (v: string) => {
    const dir = path.join(root, v);
    cpSync(path.join(root, 'backlog'), dir, { recursive: true });
    const out = child(v, dir).trim().split('\n').at(-1)!;
    rmSync(dir, { recursive: true, force: true });
    return JSON.parse(out) as { seconds: number; peakRssMiB: number; rssBeforeMiB: number };
  };
  const oneSlice = run('one-slice');
  const sliced = run('sliced');
  rmSync(root, { recursive: true, force: true });
  console.log(
    JSON.stringify(
      {
        machine,
        monitors: n,
        hours,
        rows: n * 60 * hours,
        oneSlice,
        sliced,
        ratio: {
          peakRss: +(sliced.peakRssMiB / oneSlice.peakRssMiB).toFixed(2),
          rollupGrowthMiB: {
            oneSlice: oneSlice.peakRssMiB - oneSlice.rssBeforeMiB,
            sliced: sliced.peakRssMiB - sliced.rssBeforeMiB,
          },
          time: +(sliced.seconds / oneSlice.seconds).toFixed(2),
        },
        loadAfter: machineNote().loadAverage1m,
      },
      null,
      2,
    ),
  );
}
