/** @module Portfolio attention from intake: each lead still waiting for an answer (urgency 50). */
import { desc, eq } from 'drizzle-orm';
import { leads } from '../db/schema.ts';
import type { AttentionSource } from '../portfolio/attention.ts';

export const leadsWaiting: AttentionSource = {
  id: 'leads-waiting',
  // Practice-wide: not tied to a client (clientId null); the home page shows these to owners.
  async items(ctx) {
    const rows = await ctx.db
      .select()
      .from(leads)
      .where(eq(leads.status, 'new'))
      .orderBy(desc(leads.createdAt))
      .limit(50);
    return rows.map((l) => ({
      clientId: null,
      kind: 'lead-waiting',
      text: `New lead: ${l.company} (${l.name}) is waiting for an answer.`,
      href: `/leads#lead-${l.id}`,
      urgency: 50,
      due: l.createdAt.toISOString(),
      dateLabel: 'received' as const,
    }));
  },
};
