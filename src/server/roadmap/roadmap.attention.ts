/** @module Portfolio attention from the roadmap: overdue milestones (urgency 90 and up). */
import { and, inArray, lt } from 'drizzle-orm';
import { daysBetween, todayUtc } from '../../shared/dates.ts';
import { milestones } from '../db/schema.ts';
import type { AttentionSource } from '../portfolio/attention.ts';

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
      return {
        clientId: m.clientId,
        kind: 'milestone-overdue',
        // The portfolio names the client beside the text.
        text: `"${m.title}" is ${late} day${late === 1 ? '' : 's'} late.`,
        href: `/clients/${m.clientId}/milestones#m-${m.id}`,
        urgency: Math.min(99, 90 + Math.floor(late / 7)),
        due: m.dueDate,
      };
    });
  },
};
