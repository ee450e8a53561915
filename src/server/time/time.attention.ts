/** @module Portfolio attention from the time log: retainers at 80 % (urgency 70) or 100 % (85). */
import type { AttentionSource } from '../portfolio/attention.ts';
import { inArray } from 'drizzle-orm';
import { clients } from '../db/schema.ts';
import { currentMonth, retainerUsage } from './time.service.ts';

export const retainerUsageAttention: AttentionSource = {
  id: 'retainer-usage',
  async items(ctx, clientIds) {
    const month = currentMonth();
    const usage = (await retainerUsage(ctx.db, clientIds, month)).filter((u) => u.level !== 'ok');
    if (usage.length === 0) return [];
    const names = new Map(
      (
        await ctx.db
          .select({ id: clients.id, name: clients.name })
          .from(clients)
          .where(inArray(clients.id, [...new Set(usage.map((u) => u.clientId))]))
      ).map((c) => [c.id, c.name]),
    );
    return usage.map((u) => ({
      clientId: u.clientId,
      kind: u.level === 'over' ? 'retainer-over-budget' : 'retainer-near-budget',
      text: `${names.get(u.clientId) ?? 'A client'}: ${u.usedHours} of ${u.budgetHours} retainer hours used this month (${u.percent} %).`,
      href: `/clients/${u.clientId}/time?month=${month}`,
      urgency: u.level === 'over' ? 85 : 70,
    }));
  },
};
