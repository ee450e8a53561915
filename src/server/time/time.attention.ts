/** @module Portfolio attention from the time log: retainers at 80 % (urgency 70) or 100 % (85). */
import type { AttentionSource } from '../portfolio/attention.ts';
import { currentMonth, retainerUsage } from './time.service.ts';

export const retainerUsageAttention: AttentionSource = {
  id: 'retainer-usage',
  async items(ctx, clientIds) {
    const month = currentMonth();
    const usage = (await retainerUsage(ctx.db, clientIds, month)).filter((u) => u.level !== 'ok');
    if (usage.length === 0) return [];
    return usage.map((u) => ({
      clientId: u.clientId,
      kind: u.level === 'over' ? 'retainer-over-budget' : 'retainer-near-budget',
      // The portfolio names the client beside the text.
      text: `${u.usedHours} of ${u.budgetHours} retainer hours used this month (${u.percent} %).`,
      href: `/clients/${u.clientId}/time?month=${month}`,
      urgency: u.level === 'over' ? 85 : 70,
    }));
  },
};
