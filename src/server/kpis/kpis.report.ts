/**
 * @module The weekly report's KPI lines and the portfolio's "KPI off target" items. A KPI off
 * target is amber while it moves the right way (or has no new number) and red when it does not.
 */
import { addDays } from '../../shared/dates.ts';
import {
  formatKpiValue as formatValue,
  periodLabel,
  periodStart,
  type Cadence,
} from '../../shared/kpis.ts';
import type { AttentionSource } from '../portfolio/attention.ts';
import type { ReportContributor, ReportLine, Signal } from '../reports/contributor.ts';
import { shortDate, weekDates } from '../roadmap/roadmap.report.ts';
import {
  clientKpiRows,
  isOnTarget,
  presentClientKpis,
  type KpiRow,
  type ReadingRow,
} from './kpis.repo.ts';

/** A change: a percentage moves in points ("up 3 points"), anything else in its own unit. */
const formatChange = (delta: number, unit: string) =>
  unit === '%'
    ? `${formatValue(delta, '')} point${delta === 1 ? '' : 's'}`
    : formatValue(delta, unit);

const isBetter = (kpi: KpiRow, now: number, before: number) =>
  kpi.direction === 'higher' ? now > before : now < before;

/** "Mon 12 Jan" for a daily or weekly period, "Jan 2026" for a month. */
const periodWords = (start: string, cadence: Cadence) =>
  cadence === 'monthly' ? periodLabel(start, cadence) : shortDate(start);

/** When `before` was: "last week" / "last month" when it is the period just gone, else its date. */
function sinceWords(
  kpi: KpiRow,
  latest: string,
  before: string,
  weekFirst: string | undefined,
): string {
  if (kpi.cadence === 'monthly') {
    const lastMonth = periodStart(addDays(latest, -1), 'monthly');
    return before === lastMonth ? 'last month' : periodWords(before, 'monthly');
  }
  if (weekFirst === undefined) return 'last week';
  return before < weekFirst && before >= addDays(weekFirst, -7)
    ? 'last week'
    : periodWords(before, kpi.cadence);
}

type LineReading = Pick<ReadingRow, 'value' | 'periodStart'>;

/**
 * Plain words for one KPI in a report week: value, target, and the change since the number
 * before. A daily or weekly KPI compares with the latest number before the week (the week
 * before: "since last week"), a monthly one with the month before ("since last month"). A latest
 * number from before the report's period is not news: the line says since when there is none,
 * and does not call the KPI red for standing still. `week.first` is the week's Monday as a
 * local date; without it (or with `before` being `latest` itself) a number compared with itself
 * counts as no new number.
 */
export function kpiLine(
  kpi: KpiRow,
  latest: LineReading,
  before: LineReading | undefined,
  week?: { first: string },
) {
  const onTarget = isOnTarget(kpi, latest.value);
  const value = formatValue(latest.value, kpi.unit);
  const target = formatValue(kpi.target, kpi.unit);
  const isStale = week
    ? latest.periodStart < periodStart(week.first, kpi.cadence)
    : before?.periodStart === latest.periodStart;
  let change = 'No earlier number to compare.';
  let improving: boolean | null = null;
  if (isStale) {
    change = `No new number since ${periodWords(latest.periodStart, kpi.cadence)}.`;
  } else if (before) {
    const delta = latest.value - before.value;
    const since = sinceWords(kpi, latest.periodStart, before.periodStart, week?.first);
    improving = delta === 0 ? null : isBetter(kpi, latest.value, before.value);
    change =
      delta === 0
        ? `Same as ${since}.`
        : `${delta > 0 ? 'Up' : 'Down'} ${formatChange(Math.abs(delta), kpi.unit)} since ${since}.`;
  }
  // Off target: amber while it improves, has no earlier number yet (day one of tracking is not
  // an alarm) or has no new number (we cannot tell where it is going); red when it is flat or
  // getting worse.
  const isUnknownTrend = isStale || !before;
  const signal: Signal = onTarget
    ? 'green'
    : improving === true || isUnknownTrend
      ? 'amber'
      : 'red';
  const goal = onTarget ? 'On target' : 'Below target';
  const word = kpi.direction === 'lower' && !onTarget ? 'Above target' : goal;
  return { text: `${kpi.name} is ${value}. ${word} (${target}). ${change}`, signal };
}

export const kpisReportContributor: ReportContributor = {
  id: 'kpis',
  async lines(ctx, week) {
    const kpis = await clientKpiRows(ctx.db, [week.clientId]);
    if (kpis.length === 0) return [];
    // The week's days in the report's time zone: a Sunday reading east of UTC is in its week.
    const { first, next } = weekDates(week);
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
      [kpis.map((k) => k.id), next, first],
    );
    const lines: ReportLine[] = kpis.flatMap((kpi, order) => {
      const own = rows
        .filter((r) => r.kpi_id === kpi.id)
        .map((r) => ({ periodStart: r.period_start, value: Number(r.value) }))
        .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
      const [latest, previous] = own;
      if (!latest) return [];
      // A month compares with the month before; a day or a week with the last number before
      // this week (or, with none, the one before the latest).
      const before =
        kpi.cadence === 'monthly'
          ? previous
          : (own.find((r) => r.periodStart < first && r !== latest) ?? previous);
      const { text, signal } = kpiLine(kpi, latest, before, { first });
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
    // A KPI with no number yet still shows: "No numbers are tracked yet" would be untrue.
    const unread = kpis.filter((k) => !rows.some((r) => r.kpi_id === k.id));
    if (unread.length > 0) {
      const names = unread.map((k) => k.name);
      lines.push({
        section: 'kpis',
        text:
          unread.length === kpis.length && kpis.length > 1
            ? `No numbers recorded yet for your ${kpis.length} KPIs.`
            : `No numbers recorded yet for ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}.`,
        order: kpis.length,
        evidence: { label: 'KPIs', href: `/clients/${week.clientId}/kpis` },
      });
    }
    return lines;
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
