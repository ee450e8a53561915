/** @module What the time log adds to the weekly founder report: hours this week and this month. */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { addDays } from '../../shared/dates.ts';
import { timeEntries } from '../db/schema.ts';
import type { ReportContributor, ReportLine } from '../reports/contributor.ts';
import { weekDates } from '../roadmap/roadmap.report.ts';
import { retainerUsage } from './time.service.ts';

const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`;

export const timeContributor: ReportContributor = {
  id: 'time',
  async lines(ctx, week) {
    const { first, next } = weekDates(week);
    const href = `/clients/${week.clientId}/time?month=${first.slice(0, 7)}`;
    const [row] = await ctx.db
      .select({ minutes: sql<string>`coalesce(sum(${timeEntries.minutes}), 0)` })
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.clientId, week.clientId),
          gte(timeEntries.date, first),
          lt(timeEntries.date, next),
        ),
      );
    const used = Math.round((Number(row?.minutes ?? 0) / 60) * 100) / 100;
    const lines: ReportLine[] = [
      {
        section: 'hours',
        text:
          used > 0
            ? `We worked ${hours(used)} for you this week.`
            : 'We logged no hours this week.',
        evidence: { label: 'Time log', href },
        order: 0,
      },
    ];
    // The month the week ends in: the budget that matters now.
    const month = addDays(next, -1).slice(0, 7);
    for (const u of await retainerUsage(ctx.db, [week.clientId], month)) {
      const tail =
        u.level === 'over'
          ? ' The budget for the month is used up. We will agree with you on what comes next.'
          : u.level === 'warning'
            ? ' We are close to the budget for the month.'
            : '';
      lines.push({
        section: 'hours',
        text: `This month we used ${u.usedHours} of the ${hours(u.budgetHours)} in your plan (${u.percent} %).${tail}`,
        evidence: { label: 'Time log', href },
        ...(u.level === 'ok' ? {} : { signal: 'amber' as const }),
        order: 1,
      });
    }
    return lines;
  },
};
