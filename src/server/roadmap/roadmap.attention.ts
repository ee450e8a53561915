/**
 * @module Portfolio attention from the roadmap: milestones open past their due date (urgency 90
 * and up). A milestone whose due date was moved says so, with how late it is against the plan.
 */
import { and, inArray, lt } from 'drizzle-orm';
import { daysBetween, todayUtc } from '../../shared/dates.ts';
import { milestones } from '../db/schema.ts';
import type { AttentionSource } from '../portfolio/attention.ts';
import { shortDate } from './roadmap.report.ts';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

export const overdueMilestones: AttentionSource = {
  id: 'milestones-overdue',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const today = todayUtc();
    const rows = await ctx.db
      .select({ m: milestones })
      .from(milestones)
      .where(
        and(
          inArray(milestones.clientId, clientIds),
          inArray(milestones.status, ['planned', 'in-progress']),
          lt(milestones.dueDate, today),
        ),
      );
    return rows.map(({ m }) => {
      const late = daysBetween(m.dueDate, today);
      const behindPlan = daysBetween(m.plannedDate, today);
      // The portfolio names the client beside the text.
      const text =
        m.plannedDate === m.dueDate
          ? `"${m.title}" is ${days(late)} late.`
          : behindPlan > late
            ? `"${m.title}" is ${days(late)} late, ${days(behindPlan)} behind its first plan (${shortDate(m.plannedDate)}).`
            : `"${m.title}" is ${days(late)} late. Its date was moved from ${shortDate(m.plannedDate)}.`;
      return {
        clientId: m.clientId,
        kind: 'milestone-overdue',
        text,
        href: `/clients/${m.clientId}/milestones#m-${m.id}`,
        urgency: Math.min(99, 90 + Math.floor(Math.max(late, behindPlan) / 7)),
        due: m.dueDate,
        dateLabel: 'due' as const,
      };
    });
  },
};
