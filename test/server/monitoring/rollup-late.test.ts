/**
 * A result written after the rollup has passed its minute (a slow check that finishes across the
 * boundary, a worker that buffered through a database outage) still counts in its own minute,
 * hour and day, once; rows written in the last seconds wait for the next run; rows from before
 * `recorded_at` existed ('-infinity') are read by their time, as they were then.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/server/context.ts';
import type { Database } from '../../../src/server/db/database.ts';
import { monitorRollups } from '../../../src/server/db/schema.ts';
import { rollUp } from '../../../src/server/monitoring/rollups.ts';
import { openTestDatabase } from '../harness.ts';
import { createClientRow, createMonitorRow } from '../factories.ts';
import { testContext } from '../test-context.ts';

const MINUTE = 60_000;
let database: Database;
let ctx: AppContext;
let monitorId: string;

beforeAll(async () => {
  ({ database } = await openTestDatabase());
  ctx = testContext({
    database,
    jobs: { send: async () => null, sendMany: async () => {}, list: async () => [] },
  });
  const clientId = (await createClientRow(ctx.db)).id;
  monitorId = await createMonitorRow(ctx.db, clientId, { name: 'Checkout' });
});
afterAll(() => database.close());

async function write(at: number, ok: boolean, recordedAt?: number | '-infinity') {
  await database.query(
    `insert into monitor_results (monitor_id, at, ok, status, message, total_ms, recorded_at)
     values ($1, $2::timestamptz, $3, $4, 'test', 120, coalesce($5::timestamptz, now()))`,
    [
      monitorId,
      new Date(at).toISOString(),
      ok,
      ok ? 'up' : 'down',
      recordedAt === undefined
        ? null
        : recordedAt === '-infinity'
          ? '-infinity'
          : new Date(recordedAt).toISOString(),
    ],
  );
}

async function minuteRow(start: number) {
  const [row] = await ctx.db
    .select({ checks: monitorRollups.checks, failures: monitorRollups.failures })
    .from(monitorRollups)
    .where(
      and(
        eq(monitorRollups.monitorId, monitorId),
        eq(monitorRollups.grain, 'minute'),
        eq(monitorRollups.start, new Date(start)),
      ),
    );
  return row ?? { checks: 0, failures: 0 };
}

describe('late results', () => {
  it('count in their own minute once the rollup takes them, and only once', async () => {
    const minute = Math.floor((Date.now() - 5 * MINUTE) / MINUTE) * MINUTE;
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'main'`,
      [new Date(minute).toISOString()],
    );
    await write(minute + 10_000, true, minute + 10_500);
    await rollUp(ctx);
    const onTime = await minuteRow(minute);

    // A timeout that started in that minute, written now: 4 minutes after the rollup passed it.
    await write(minute + 50_000, false);
    await rollUp(ctx); // written less than 20 s ago: left for the next run
    const settling = await minuteRow(minute);
    await rollUp(ctx, { now: new Date(Date.now() + 30_000) });
    const taken = await minuteRow(minute);
    await rollUp(ctx, { now: new Date(Date.now() + 60_000) });
    const again = await minuteRow(minute);

    expect(onTime).toEqual({ checks: 1, failures: 0 });
    expect(settling).toEqual({ checks: 1, failures: 0 });
    expect(taken).toEqual({ checks: 2, failures: 1 });
    expect(again).toEqual({ checks: 2, failures: 1 });
  });

  it('reads rows from before recorded_at existed by their time', async () => {
    const minute = Math.floor((Date.now() - 3 * MINUTE) / MINUTE) * MINUTE;
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'main'`,
      [new Date(minute).toISOString()],
    );
    await write(minute + 5_000, true, '-infinity');
    await write(minute - 30_000, true, '-infinity'); // before the watermark: rolled up then

    await rollUp(ctx);

    expect(await minuteRow(minute)).toEqual({ checks: 1, failures: 0 });
    expect(await minuteRow(minute - MINUTE)).toEqual({ checks: 0, failures: 0 });
  });
});

describe('a backlog', () => {
  it('is taken slice by slice, each result once, however far behind the rollup is', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const behind = await createMonitorRow(ctx.db, clientId, { name: 'Backlog' });
    const start = Math.floor((Date.now() - 2 * 60 * MINUTE) / MINUTE) * MINUTE;
    await database.query(
      `update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'main'`,
      [new Date(start).toISOString()],
    );
    // Two hours of a 10 s check (720 results, every sixth one failed), written as they happened.
    await database.query(
      `insert into monitor_results (monitor_id, at, ok, status, message, total_ms, recorded_at)
       select $1, t, n % 6 <> 0, case when n % 6 = 0 then 'down' else 'up' end, 'test', 80, t
         from generate_series(0, 719) as n,
              lateral (select $2::timestamptz + n * interval '10 seconds' as t) as s`,
      [behind, new Date(start).toISOString()],
    );

    const first = await rollUp(ctx, { now: new Date(Date.now() + 30_000), sliceMinutes: 5 });
    const again = await rollUp(ctx, { now: new Date(Date.now() + 30_000), sliceMinutes: 5 });
    const totals = await ctx.db
      .select({
        grain: monitorRollups.grain,
        checks: monitorRollups.checks,
        failures: monitorRollups.failures,
      })
      .from(monitorRollups)
      .where(eq(monitorRollups.monitorId, behind));
    const sum = (grain: string) =>
      totals
        .filter((r) => r.grain === grain)
        .reduce((t, r) => ({ checks: t.checks + r.checks, failures: t.failures + r.failures }), {
          checks: 0,
          failures: 0,
        });

    // Two hours and the settle time in 5-minute slices: 24 or 25 transactions, not one.
    expect(first.slices).toBeGreaterThanOrEqual(24);
    expect(first.results).toBeGreaterThanOrEqual(720);
    // The clock moved on a little: at most one short slice, with nothing in it.
    expect(again.results).toBe(0);
    for (const grain of ['minute', 'hour', 'day'])
      expect(sum(grain)).toEqual({ checks: 720, failures: 120 });
  });
});
