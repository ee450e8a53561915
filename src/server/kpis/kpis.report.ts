/**
 * @module The weekly report's KPI lines and the portfolio's "KPI off target" items. A KPI off
 * target is amber while it moves the right way and red when it does not.
 */
import type { AttentionSource } from '../portfolio/attention.ts';
import type { ReportContributor, Signal } from '../reports/contributor.ts';
import {
  clientKpiRows,
  isOnTarget,
  presentClientKpis,
  type KpiRow,
  type ReadingRow,
} from './kpis.repo.ts';

const formatValue = (value: number, unit: string) => {
  const n = Number.isInteger(value)
    ? value.toLocaleString('en-GB')
    : value.toFixed(2).replace(/0+$/, '');
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
};

const isBetter = (kpi: KpiRow, now: number, before: number) =>
  kpi.direction === 'higher' ? now > before : now < before;

/** Plain words for one KPI's week: value, target, change since the reading a week before. */
export function kpiLine(
  kpi: KpiRow,
  latest: Pick<ReadingRow, 'value'>,
  weekAgo: Pick<ReadingRow, 'value'> | undefined,
) {
  const onTarget = isOnTarget(kpi, latest.value);
  const value = formatValue(latest.value, kpi.unit);
  const target = formatValue(kpi.target, kpi.unit);
  let change = 'No earlier number to compare.';
  let improving: boolean | null = null;
  if (weekAgo) {
    const delta = latest.value - weekAgo.value;
    improving = delta === 0 ? null : isBetter(kpi, latest.value, weekAgo.value);
    change =
      delta === 0
        ? 'Same as last week.'
        : `${delta > 0 ? 'Up' : 'Down'} ${formatValue(Math.abs(delta), kpi.unit)} since last week.`;
  }
  // Off target: amber while it improves or has no earlier number yet (day one of tracking is
  // not an alarm), red when it is flat or getting worse.
  const signal: Signal = onTarget ? 'green' : improving === true || !weekAgo ? 'amber' : 'red';
  const goal = onTarget ? 'On target' : 'Below target';
  const word = kpi.direction === 'lower' && !onTarget ? 'Above target' : goal;
  return { text: `${kpi.name} is ${value}. ${word} (${target}). ${change}`, signal };
}

export const kpisReportContributor: ReportContributor = {
  id: 'kpis',
  async lines(ctx, week) {
    const kpis = await clientKpiRows(ctx.db, [week.clientId]);
    if (kpis.length === 0) return [];
    const endDay = week.end.toISOString().slice(0, 10);
    const startDay = new Date(week.end.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    // Only what a line needs, read backwards along the (kpi, period) index: each KPI's two
    // latest readings before the week's end and its latest one before the week's start.
    const { rows } = await ctx.database.query<{
      kpi_id: string;
      period_start: string;
      value: number;
    }>(
      `select k.id as kpi_id, r.period_start, r.value
         from unnest($1::uuid[]) as k(id)
         cross join lateral (
           (select period_start::text, value from kpi_readings
             where kpi_id = k.id and period_start < $2::date
             order by period_start desc limit 2)
           union
           (select period_start::text, value from kpi_readings
             where kpi_id = k.id and period_start < $3::date
             order by period_start desc limit 1)
         ) r`,
      [kpis.map((k) => k.id), endDay, startDay],
    );
    return kpis.flatMap((kpi, order) => {
      const own = rows
        .filter((r) => r.kpi_id === kpi.id)
        .map((r) => ({ periodStart: r.period_start, value: Number(r.value) }))
        .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
      const latest = own[0];
      if (!latest) return [];
      const weekAgo = own.find((r) => r.periodStart < startDay) ?? own[1];
      const { text, signal } = kpiLine(kpi, latest, weekAgo);
      return [
        {
          section: 'kpis' as const,
          text,
          signal,
          order,
          evidence: {
            label: `${kpi.name} readings`,
            href: `/clients/${kpi.clientId}/kpis/${kpi.id}`,
          },
        },
      ];
    });
  },
};

export const kpisAttentionSource: AttentionSource = {
  id: 'kpis',
  async items(ctx, clientIds) {
    const kpis = await presentClientKpis(ctx.db, clientIds);
    return kpis
      .filter((k) => k.kpi.state === 'off-target')
      .map(({ kpi }) => ({
        clientId: kpi.clientId,
        kind: 'kpi-off-target',
        text: `${kpi.name} is off target: ${formatValue(kpi.latest!.value, kpi.unit)} against ${formatValue(kpi.target, kpi.unit)}.`,
        href: `/clients/${kpi.clientId}/kpis/${kpi.id}`,
        urgency: 40,
      }));
  },
};
