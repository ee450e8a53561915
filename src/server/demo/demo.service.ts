/**
 * @module Loads and removes the demo portfolio: three clients with their engagements, milestones,
 * KPIs, decisions and hours (demo-story.ts), in one transaction. Demo clients are flagged, so
 * removal is exact, and everything recorded for them goes with them.
 */
import { eq } from 'drizzle-orm';
import { clientInput } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { clients } from '../db/schema.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { demoClients, demoStories } from './demo-data.ts';
import { writeDemoStory } from './demo-story.ts';

export async function loadDemo(db: Db, actorLabel: string): Promise<{ created: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(eq(clients.isDemo, true));
    if (existing.length > 0) return { created: 0 };
    const rows = demoClients.map((c) => ({ ...clientInput.parse(c), isDemo: true }));
    const created = await tx
      .insert(clients)
      .values(rows)
      .returning({ id: clients.id, name: clients.name });
    for (const client of created) {
      const story = demoStories[demoClients.findIndex((c) => c.name === client.name)];
      if (story) await writeDemoStory(tx, client.id, story);
    }
    await recordAudit(tx, { action: 'demo.loaded', actorLabel, details: { clients: rows.length } });
    return { created: rows.length };
  });
}

export async function removeDemo(db: Db, actorLabel: string): Promise<{ removed: number }> {
  const removed = await db
    .delete(clients)
    .where(eq(clients.isDemo, true))
    .returning({ id: clients.id });
  await recordAudit(db, {
    action: 'demo.removed',
    actorLabel,
    details: { clients: removed.length },
  });
  return { removed: removed.length };
}
