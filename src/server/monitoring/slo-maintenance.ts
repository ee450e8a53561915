/**
 * @module What an SLO leaves out: checks run during a maintenance window covering the monitor.
 * Planned work is not an outage, so its failures must not spend the error budget (the status
 * page still shows the maintenance). The counts to take out come from the same rollups as the
 * SLO's own: hour rows wholly inside a window, plus the minute rows of the hours a window only
 * partly covers (minute rows are kept 7 h: older edges round to whole hours; hour rows are kept
 * 35 days, so in a longer SLO window maintenance older than that is not taken out). Burn windows
 * (at most 6 h) use minute rows only, so they are exact to the minute.
 */
import type { AppContext } from '../context.ts';
import type { BurnWindow, Counts } from '../../shared/slo.ts';
import { BURN_WINDOWS } from '../../shared/slo.ts';
import { maintenanceSchedule } from '../../shared/status-pages.ts';
import { occurrencesBetween, type Occurrence } from './maintenance.ts';
import { windowsFor } from './maintenance.service.ts';

/** A long window of frequent cron occurrences is capped; 90 days of hourly ones fit. */
const MAX_OCCURRENCES = 5000;

/** Each monitor's maintenance time in [from, to), overlapping windows merged. */
export async function maintenanceRanges(
  ctx: Pick<AppContext, 'db'>,
  slo: { clientId: string; monitorIds: string[] },
  from: Date,
  to: Date,
): Promise<Map<string, Occurrence[]>> {
  const byMonitor = new Map<string, Occurrence[]>();
  for (const window of await windowsFor(ctx.db, slo.clientId)) {
    const schedule = maintenanceSchedule.safeParse(window.schedule);
    if (!schedule.success) continue;
    const covered =
      window.monitorIds.length === 0
        ? slo.monitorIds
        : slo.monitorIds.filter((id) => window.monitorIds.includes(id));
    if (covered.length === 0) continue;
    const occurrences = occurrencesBetween(schedule.data, from, to, MAX_OCCURRENCES).map((o) => ({
      start: new Date(Math.max(o.start.getTime(), from.getTime())),
      end: new Date(Math.min(o.end.getTime(), to.getTime())),
    }));
    for (const id of covered) byMonitor.set(id, [...(byMonitor.get(id) ?? []), ...occurrences]);
  }
  for (const [id, list] of byMonitor) {
    const merged: Occurrence[] = [];
    for (const o of list.sort((a, b) => a.start.getTime() - b.start.getTime())) {
      const last = merged.at(-1);
      if (last && o.start <= last.end) last.end = new Date(Math.max(+last.end, +o.end));
      else merged.push({ ...o });
    }
    byMonitor.set(id, merged);
  }
  return byMonitor;
}

/**
 * Checks and failures to take out of an SLO's window and burn windows; null when no
 * maintenance touched its monitors (then no rollup query is made).
 */
export async function maintenanceCounts(
  ctx: Pick<AppContext, 'db' | 'database'>,
  slo: { clientId: string; monitorIds: string[] },
  windowStart: Date,
  now: Date,
  since: (w: BurnWindow) => string,
): Promise<{ window: Counts; burn: Record<BurnWindow, Counts> } | null> {
  const hourStart = new Date(Math.floor(windowStart.getTime() / 3_600_000) * 3_600_000);
  const ranges = await maintenanceRanges(ctx, slo, hourStart, now);
  const ids: string[] = [];
  const starts: string[] = [];
  const ends: string[] = [];
  for (const [id, list] of ranges)
    for (const o of list) {
      ids.push(id);
      starts.push(o.start.toISOString());
      ends.push(o.end.toISOString());
    }
  if (ids.length === 0) return null;
  // A minute row counts for the window only when its hour row was not taken out whole.
  const edge = `not (date_trunc('hour', r.start) >= m.s and date_trunc('hour', r.start) + interval '1 hour' <= m.e)`;
  const burnColumns = BURN_WINDOWS.map(
    (w, i) =>
      `coalesce(sum(r.checks) filter (where r.grain = 'minute' and r.start >= $${i + 5}::timestamptz), 0)::int as "c${w}",
       coalesce(sum(r.failures) filter (where r.grain = 'minute' and r.start >= $${i + 5}::timestamptz), 0)::int as "f${w}"`,
  );
  const { rows } = await ctx.database.query<Record<string, number>>(
    `with m as (
       select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) as m(monitor_id, s, e))
     select coalesce(sum(r.checks) filter (where r.grain = 'hour' or ${edge}), 0)::int as "cw",
            coalesce(sum(r.failures) filter (where r.grain = 'hour' or ${edge}), 0)::int as "fw",
            ${burnColumns.join(',\n')}
       from monitor_rollups r
       join m on r.monitor_id = m.monitor_id
      where r.start >= $4::timestamptz
        and ((r.grain = 'hour' and r.start >= m.s and r.start + interval '1 hour' <= m.e)
             or (r.grain = 'minute' and r.start >= m.s and r.start < m.e))`,
    [ids, starts, ends, hourStart.toISOString(), ...BURN_WINDOWS.map(since)],
  );
  const r = rows[0] ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  return {
    window: { checks: n('cw'), failures: n('fw') },
    burn: Object.fromEntries(
      BURN_WINDOWS.map((w) => [w, { checks: n(`c${w}`), failures: n(`f${w}`) }]),
    ) as Record<BurnWindow, Counts>,
  };
}

/** `counts` minus `excluded`, never below zero. */
export function without(counts: Counts, excluded: Counts | undefined): Counts {
  if (!excluded) return counts;
  return {
    checks: Math.max(0, counts.checks - excluded.checks),
    failures: Math.max(0, counts.failures - excluded.failures),
  };
}
