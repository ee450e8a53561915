/** @module Loads and removes the demo portfolio. Demo clients are flagged, so removal is exact. */
import { eq } from 'drizzle-orm';
import { clientInput } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { clients } from '../db/schema.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { demoClients } from './demo-data.ts';

export async function loadDemo(db: Db, actorLabel: string): Promise<{ created: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(eq(clients.isDemo, true));
    if (existing.length > 0) return { created: 0 };
    const rows = demoClients.map((c) => ({ ...clientInput.parse(c), isDemo: true }));
    await tx.insert(clients).values(rows);
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
