/**
 * @module What an SLO leaves out: checks run during a maintenance window covering the monitor.
 * Planned work is not an outage, so its failures must not spend the error budget (the status
 * page still shows the maintenance). The counts to take out come from the same rollups as the
 * SLO's own, counted by maintenance-rollups.ts: hour rows wholly inside a window, plus the minute
 * rows of the hours a window only partly covers (minute rows are kept 7 h: older edges round to
 * whole hours; hour rows are kept 35 days, so in a longer SLO window maintenance older than that
 * is not taken out). Burn windows (at most 6 h) use minute rows only, so they are exact to the
 * minute.
 */
import type { AppContext } from '../context.ts';
import type { BurnWindow, Counts } from '../../shared/slo.ts';
import { BURN_WINDOWS } from '../../shared/slo.ts';
import { COUNTED, countInsideMaintenance, maintenanceRanges } from './maintenance-rollups.ts';

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
  const burnColumns = BURN_WINDOWS.map(
    (w, i) =>
      `coalesce(sum(r.checks) filter (where r.grain = 'minute' and r.start >= $${i + 5}::timestamptz), 0)::int as "c${w}",
       coalesce(sum(r.failures) filter (where r.grain = 'minute' and r.start >= $${i + 5}::timestamptz), 0)::int as "f${w}"`,
  );
  const rows = await countInsideMaintenance<Record<string, number>>(ctx, ranges, hourStart, {
    columns: `coalesce(sum(r.checks) filter (where ${COUNTED}), 0)::int as "cw",
              coalesce(sum(r.failures) filter (where ${COUNTED}), 0)::int as "fw",
              ${burnColumns.join(',\n')}`,
    params: BURN_WINDOWS.map(since),
  });
  if (!rows) return null;
  const r = rows[0] ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  return {
    window: { checks: n('cw'), failures: n('fw') },
    burn: Object.fromEntries(
      BURN_WINDOWS.map((w) => [w, { checks: n(`c${w}`), failures: n(`f${w}`) }]),
    ) as Record<BurnWindow, Counts>,
  };
}
