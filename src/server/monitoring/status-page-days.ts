/**
 * @module A status page's 90 daily bars and 90-day uptime per component: the day rollups, less
 * the checks and failures made while a maintenance window covered the component's monitor,
 * counted as SLOs count them (maintenance-rollups.ts), so planned work does not paint the page
 * red. A day with checks taken out is marked `maintenance`; its uptime is that of the rest of the
 * day (null when nothing ran outside the maintenance). Retention limits it: hour rows are kept
 * 35 days, so an older day stays as its day row says, maintenance included; minute rows are kept
 * 7 h, so the part of an hour a window covers only in part is taken out only while that is
 * recent (after 7 h its checks count again: a window on whole hours is taken out for good).
 * Two queries for all components: the day rows, and one over the rollups inside maintenance
 * (only when a window touched a component in the last 35 days).
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Counts } from '../../shared/slo.ts';
import type { PublicStatus } from '../../shared/status-pages.ts';
import type { AppContext } from '../context.ts';
import { monitorRollups } from '../db/schema.ts';
import { COUNTED, countInsideMaintenance, rangesOf, without } from './maintenance-rollups.ts';
import { ROLLUP_RETENTION_HOURS } from './rollups.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

type Bars = Pick<PublicStatus['components'][number], 'uptime90d' | 'days'>;

const share = (c: Counts | undefined) =>
  c && c.checks > 0 ? (c.checks - c.failures) / c.checks : null;

/**
 * Each monitor's bars for the 90 UTC days up to `now`. `windows`: the client's maintenance
 * windows (rows of `maintenance_windows`), already read by the caller.
 */
export async function dailyBars(options: {
  ctx: Pick<AppContext, 'db' | 'database'>;
  monitorIds: string[];
  windows: { schedule: unknown; monitorIds: string[] }[];
  now: Date;
}): Promise<Map<string, Bars>> {
  const { ctx, monitorIds, windows, now } = options;
  const firstDay = Math.floor(now.getTime() / DAY) * DAY - 89 * DAY;
  const rollups = monitorIds.length
    ? await ctx.db
        .select({
          monitorId: monitorRollups.monitorId,
          start: monitorRollups.start,
          checks: monitorRollups.checks,
          failures: monitorRollups.failures,
        })
        .from(monitorRollups)
        .where(
          and(
            inArray(monitorRollups.monitorId, monitorIds),
            eq(monitorRollups.grain, 'day'),
            gte(monitorRollups.start, new Date(firstDay)),
          ),
        )
    : [];
  const excluded = await maintenanceByDay(ctx, monitorIds, windows, firstDay, now);

  const bars = new Map<string, Bars>();
  for (const id of monitorIds) {
    const byDay = new Map<number, Counts>();
    for (const r of rollups) if (r.monitorId === id) byDay.set(r.start.getTime(), r);
    const total: Counts = { checks: 0, failures: 0 };
    const days = Array.from({ length: 90 }, (_, i) => {
      const start = firstDay + i * DAY;
      const out = excluded.get(`${id} ${start}`);
      const row = byDay.get(start);
      const day = row && without(row, out);
      if (day) {
        total.checks += day.checks;
        total.failures += day.failures;
      }
      return {
        date: new Date(start).toISOString().slice(0, 10),
        uptime: share(day),
        maintenance: !!row && (out?.checks ?? 0) > 0,
      };
    });
    bars.set(id, { uptime90d: share(total), days });
  }
  return bars;
}

/** Checks and failures inside maintenance per `<monitor id> <day start ms>`, within hour retention. */
async function maintenanceByDay(
  ctx: Pick<AppContext, 'database'>,
  monitorIds: string[],
  windows: { schedule: unknown; monitorIds: string[] }[],
  firstDay: number,
  now: Date,
): Promise<Map<string, Counts>> {
  const kept = Math.floor((now.getTime() - ROLLUP_RETENTION_HOURS.hour * HOUR) / HOUR) * HOUR;
  const from = new Date(Math.max(firstDay, kept));
  const ranges = rangesOf(windows, monitorIds, from, now);
  const rows = await countInsideMaintenance<{
    monitorId: string;
    day: number;
    checks: number;
    failures: number;
  }>(ctx, ranges, from, {
    columns: `r.monitor_id as "monitorId",
              floor(extract(epoch from r.start) / 86400)::int as "day",
              coalesce(sum(r.checks) filter (where ${COUNTED}), 0)::int as "checks",
              coalesce(sum(r.failures) filter (where ${COUNTED}), 0)::int as "failures"`,
    groupBy: '1, 2',
  });
  return new Map(
    (rows ?? []).map((r) => [
      `${r.monitorId} ${Number(r.day) * DAY}`,
      { checks: Number(r.checks), failures: Number(r.failures) },
    ]),
  );
}
