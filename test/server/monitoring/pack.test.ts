/**
 * Packing raw results per monitor-hour on a real database: lossless (every field read back,
 * phases, messages, µs times), the results API, charts, uptime and the weekly report's figures
 * the same before and after, idempotent, two packers at once pack each result exactly once,
 * results for an hour already packed merge in, retention drops old packed hours, and the
 * histogram migration keeps existing rollups.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/server/context.ts';
import type { Database } from '../../../src/server/db/database.ts';
import { monitorResultHours, monitors } from '../../../src/server/db/schema.ts';
import { recentResults } from '../../../src/server/monitoring/monitors.service.ts';
import {
  countResults,
  dropPackedResults,
  packResults,
  readResults,
} from '../../../src/server/monitoring/pack.ts';
import {
  decodePackedResults,
  encodePackedResults,
} from '../../../src/server/monitoring/result-pack.ts';
import {
  decodeHistogram,
  emptyHistogram,
  rollUp,
  uptimeWindows,
} from '../../../src/server/monitoring/rollups.ts';
import { monitoringRollupJob } from '../../../src/server/monitoring/rollup.job.ts';
import { latencySeries } from '../../../src/server/monitoring/series.ts';
import { openTestDatabase } from '../harness.ts';
import { createClientRow, createMonitorRow } from '../factories.ts';
import { testContext } from '../test-context.ts';

const HOUR = 3_600_000;
let database: Database;
let ctx: AppContext;

beforeAll(async () => {
  ({ database } = await openTestDatabase());
  ctx = testContext({
    database,
    jobs: { send: async () => null, sendMany: async () => {}, list: async () => [] },
  });
});
afterAll(() => database.close());

const newMonitor = (clientId: string, name: string) => createMonitorRow(ctx.db, clientId, { name });

/**
 * `count` results of a monitor, one a minute from `from` (ms), with every field set and varied:
 * failures with their own message and fault, phases with fractions, a due time, µs in `at`;
 * each written when it happened (`recorded_at`), as the scheduler would have.
 */
async function insertResults(monitorId: string, from: number, count: number) {
  await database.query(
    `insert into monitor_results (monitor_id, recorded_at, at, due_at, ok, status, fault, message,
                                  status_code, dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms,
                                  run_by)
     select $1, to_timestamp($2::float8 / 1000) + g * interval '1 minute',
            to_timestamp($2::float8 / 1000) + g * interval '1 minute' + (g % 7) * interval '13 microseconds',
            to_timestamp($2::float8 / 1000) + g * interval '1 minute' - (g % 5) * interval '1 millisecond',
            g % 11 <> 3, case when g % 11 = 3 then 'down' else 'up' end,
            case when g % 11 = 3 then 'status' end,
            case when g % 11 = 3 then 'HTTP 503 Service Unavailable' else 'HTTP 200' end,
            case when g % 11 = 3 then 503 when g % 13 = 0 then null else 200 end,
            case when g % 4 = 0 then null else 1.25 + g / 7.0 end, 2.5 + g / 3.0, 3.125 + g,
            10.0 + g / 9.0, 20.0 + g * 1.37, case when g % 2 = 0 then 'worker-a' else 'worker-b' end
       from generate_series(0, $3::int - 1) g`,
    [monitorId, from, count],
  );
}

async function rawRowsOf(monitorId: string) {
  const { rows } = await database.query<{ n: number }>(
    'select count(*)::int as n from monitor_results where monitor_id = $1',
    [monitorId],
  );
  return Number(rows[0]!.n);
}

const everything = (monitorId: string) =>
  readResults(ctx, monitorId, { since: new Date(Date.now() - 7 * 86_400_000), limit: 100_000 });

async function rawRows() {
  const { rows } = await database.query<{ n: number }>(
    'select count(*)::int as n from monitor_results',
  );
  return Number(rows[0]!.n);
}

describe('packing raw results per monitor-hour', () => {
  let clientId: string;
  let a: string;
  const hourNow = Math.floor(Date.now() / HOUR) * HOUR;
  let microsBefore: number[][] = [];

  beforeAll(async () => {
    clientId = (await createClientRow(ctx.db)).id;
    a = await newMonitor(clientId, 'API');
    // Six hours and a bit: five whole hours old enough to pack, the last ones too recent.
    await insertResults(a, hourNow - 6 * HOUR + 30_000, 6 * 60 + 20);
    await rollUp(ctx);
    const { rows } = await database.query<{ at: string; due: string }>(
      `select (extract(epoch from at) * 1000000)::int8::text as at,
              (extract(epoch from due_at) * 1000000)::int8::text as due
         from monitor_results where monitor_id = $1 order by at`,
      [a],
    );
    microsBefore = rows.map((r) => [Number(r.at), Number(r.due)]);
  });

  it('is lossless, and the results API, charts, uptime and report figures do not change', async () => {
    const week = { clientId, start: new Date(hourNow - 5.5 * HOUR), end: new Date() };
    const before = {
      all: await everything(a),
      api: await recentResults(ctx, a),
      uptime: await uptimeWindows(ctx, a),
      chart: await latencySeries(ctx, a, '24h'),
      report: await countResults(ctx, week),
    };
    const rowsBefore = await rawRows();

    const packed = await packResults(ctx);

    const after = {
      all: await everything(a),
      api: await recentResults(ctx, a),
      uptime: await uptimeWindows(ctx, a),
      chart: await latencySeries(ctx, a, '24h'),
      report: await countResults(ctx, week),
    };
    expect(packed.hours).toBeGreaterThanOrEqual(3);
    expect(await rawRows()).toBe(rowsBefore - packed.results);
    expect(after.all).toHaveLength(6 * 60 + 20);
    expect(after.all).toEqual(before.all);
    expect(after.api).toEqual(before.api);
    expect(after.uptime).toEqual(before.uptime);
    expect(after.chart).toEqual(before.chart);
    expect(after.report).toEqual(before.report);
    expect(before.all.some((r) => r.dnsMs === null && r.statusCode === null)).toBe(true);
    expect(before.all.filter((r) => r.message.startsWith('HTTP 503')).length).toBeGreaterThan(10);
  });

  it('keeps the µs of at and due_at as the database stored them', async () => {
    const { rows: hours } = await database.query<{ hour: Date | string; data: Uint8Array }>(
      'select hour, data from monitor_result_hours where monitor_id = $1',
      [a],
    );
    const { rows: left } = await database.query<{ at: string; due: string }>(
      `select (extract(epoch from at) * 1000000)::int8::text as at,
              (extract(epoch from due_at) * 1000000)::int8::text as due
         from monitor_results where monitor_id = $1`,
      [a],
    );

    const packed = hours.flatMap((h) =>
      decodePackedResults(new Date(h.hour).getTime() * 1000, h.data).map((r) => [
        r.atUs,
        r.dueAtUs,
      ]),
    );
    const all = [...packed, ...left.map((r) => [Number(r.at), Number(r.due)])];
    expect(all.sort((x, y) => x[0]! - y[0]!)).toEqual(microsBefore);
    expect(microsBefore.some(([at]) => at! % 1000 !== 0)).toBe(true);
  });

  it('does nothing when run again', async () => {
    const stored = await ctx.db.select().from(monitorResultHours).orderBy(monitorResultHours.hour);

    const again = await packResults(ctx);

    expect(again).toEqual({ hours: 0, results: 0 });
    expect(await ctx.db.select().from(monitorResultHours).orderBy(monitorResultHours.hour)).toEqual(
      stored,
    );
  });

  it('packs each result exactly once with two packers at the same time', async () => {
    const b = await newMonitor(clientId, 'Web');
    const c = await newMonitor(clientId, 'Shop');
    const from = hourNow - 30 * HOUR;
    await insertResults(b, from, 20 * 60);
    await insertResults(c, from + 10_000, 20 * 60);
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'pack'`,
      [new Date(from).toISOString()],
    );

    const [one, two] = await Promise.all([packResults(ctx), packResults(ctx)]);

    expect(one.results + two.results).toBe(2 * 20 * 60);
    const { rows } = await database.query<{ monitor_id: string; hours: number; results: number }>(
      `select monitor_id, count(*)::int as hours, sum(results)::int as results
         from monitor_result_hours where monitor_id = any($1::uuid[]) group by monitor_id`,
      [[b, c]],
    );
    expect(rows.map((r) => [Number(r.hours), Number(r.results)])).toEqual([
      [20, 1200],
      [20, 1200],
    ]);
    expect((await everything(b)).length).toBe(1200);
  });

  it('merges a late result into an hour already packed when packing reaches it again', async () => {
    const hour = hourNow - 29 * HOUR;
    const b = (await ctx.db.select().from(monitors).where(eq(monitors.name, 'Web')))[0]!.id;
    await insertResults(b, hour + 59 * 60_000 + 30_000, 1);
    const late = await everything(b);
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'pack'`,
      [new Date(hour).toISOString()],
    );

    await packResults(ctx);

    const { rows } = await database.query<{ results: number }>(
      `select results from monitor_result_hours where monitor_id = $1 and hour = $2::timestamptz`,
      [b, new Date(hour).toISOString()],
    );
    expect(Number(rows[0]!.results)).toBe(61);
    expect(await everything(b)).toEqual(late);
  });

  it('drops packed hours past the raw retention', async () => {
    const d = await newMonitor(clientId, 'Old');
    const old = Math.floor((Date.now() - 8 * 86_400_000) / HOUR) * HOUR;
    const recent = Math.floor((Date.now() - 6 * 86_400_000) / HOUR) * HOUR;
    const result = {
      dueAtUs: null,
      ok: true,
      status: 'up',
      fault: null,
      message: 'HTTP 200',
      statusCode: 200,
      dnsMs: null,
      connectMs: null,
      tlsMs: null,
      firstByteMs: null,
      totalMs: 12,
      runBy: null,
    };
    for (const hour of [old, recent])
      await ctx.db.insert(monitorResultHours).values({
        monitorId: d,
        hour: new Date(hour),
        results: 1,
        failures: 0,
        data: encodePackedResults(hour * 1000, [{ ...result, atUs: (hour + 60_000) * 1000 }]),
      });

    await dropPackedResults(ctx);

    const left = await ctx.db
      .select({ hour: monitorResultHours.hour })
      .from(monitorResultHours)
      .where(eq(monitorResultHours.monitorId, d));
    expect(left.map((r) => r.hour.getTime())).toEqual([recent]);
  });
});

describe('the rollup job', () => {
  it('rolls up, packs what the rollup covered and applies retention in one run', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const e = await newMonitor(clientId, 'Jobbed');
    const hourNow = Math.floor(Date.now() / HOUR) * HOUR;
    // Results of 4 hours ago that neither the rollup nor the packing has reached yet.
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id in ('main', 'pack')`,
      [new Date(hourNow - 4 * HOUR).toISOString()],
    );
    await insertResults(e, hourNow - 4 * HOUR, 60);

    const outcome = await monitoringRollupJob.handler({}, { ctx, jobId: 'test' });

    expect(outcome).toMatchObject({ packedHours: 2 });
    const day = (await uptimeWindows(ctx, e)).find((w) => w.window === '24h')!;
    expect(day.checks).toBe(60);
    expect((await everything(e)).length).toBe(60);
    expect(await rawRowsOf(e)).toBe(0);
  });
});

describe('the sparse histogram migration', () => {
  it('turns each 23-integer histogram into the encoding the code reads', async () => {
    const dir = path.join(import.meta.dirname, '../../../src/server/db/migrations');
    const file = readdirSync(dir).find((f) => f.endsWith('_sparse-histograms.sql'))!;
    const statement = readFileSync(path.join(dir, file), 'utf8').replaceAll(
      '"monitor_rollups"',
      'old_rollups',
    );
    const histograms = [emptyHistogram(), emptyHistogram(), emptyHistogram()];
    histograms[1]![0] = 1;
    histograms[1]![7] = 59;
    histograms[2]![3] = 300;
    histograms[2]![22] = 70_000;
    histograms[2]![12] = 127;
    histograms[2]![13] = 128;
    await database.query(
      `create temporary table old_rollups (id int, grain text, histogram integer[],
                                           buckets bytea not null default '\\x'::bytea)`,
    );
    for (const [i, h] of histograms.entries())
      await database.query(
        'insert into old_rollups (id, grain, histogram) values ($1, $2, $3::integer[])',
        [i, 'hour', `{${h.join(',')}}`],
      );

    await database.query(statement);

    const { rows } = await database.query<{ id: number; buckets: Uint8Array }>(
      'select id, buckets from old_rollups order by id',
    );
    expect(rows.map((r) => decodeHistogram(r.buckets))).toEqual(histograms);
  });
});
