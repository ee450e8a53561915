/**
 * @module The portfolio home's SLO items: an SLO in a burn episode (the level the `monitoring.slo`
 * job stored), at urgency 92 when it pages and 70 when it warns. Read from `slos` alone, so the
 * home costs no rollup query.
 */
import { and, inArray, ne } from 'drizzle-orm';
import { slos } from '../db/schema.ts';
import type { AttentionItem, AttentionSource } from '../portfolio/attention.ts';

export const sloAttention: AttentionSource = {
  id: 'slo',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const rows = await ctx.db
      .select()
      .from(slos)
      .where(and(inArray(slos.clientId, clientIds), ne(slos.burnLevel, 'ok')))
      .limit(200);
    return rows.map((row): AttentionItem => {
      const item = {
        clientId: row.clientId,
        kind: 'slo-burning',
        text:
          row.burnLevel === 'page'
            ? `${row.name} is using its reliability budget far too fast.`
            : `${row.name} is using its reliability budget too fast.`,
        href: `/clients/${row.clientId}/monitoring/slos#slo-${row.id}`,
        urgency: row.burnLevel === 'page' ? 92 : 70,
      };
      return row.burnChangedAt
        ? { ...item, due: row.burnChangedAt.toISOString(), dateLabel: 'since' }
        : item;
    });
  },
};
