/** @module Client companies: create, edit, archive and restore. */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { clientInput, clientPatch } from '../../shared/api.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { clients } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { findClient, presentClient } from './clients.repo.ts';

export async function createClient(options: {
  ctx: AppContext;
  actor: Principal;
  input: z.output<typeof clientInput>;
}) {
  const { ctx, actor, input } = options;
  const [row] = await ctx.db.insert(clients).values(input).returning();
  if (!row) throw new Error('insert returned no row');
  await recordAudit(ctx.db, {
    action: 'client.created',
    actor,
    targetType: 'client',
    targetId: row.id,
    clientId: row.id,
    details: { name: row.name },
  });
  return presentClient(row);
}

export async function updateClient(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  patch: z.output<typeof clientPatch>;
}) {
  const { ctx, actor, clientId, patch } = options;
  const [row] = await ctx.db
    .update(clients)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(clients.id, clientId))
    .returning();
  if (!row) throw notFound('client');
  await recordAudit(ctx.db, {
    action: 'client.updated',
    actor,
    targetType: 'client',
    targetId: row.id,
    clientId: row.id,
    details: { fields: Object.keys(patch) },
  });
  return presentClient(row);
}

export async function setArchived(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  archived: boolean;
}) {
  const { ctx, actor, clientId, archived } = options;
  const existing = await findClient(ctx.db, clientId);
  if (!existing) throw notFound('client');
  const [row] = await ctx.db
    .update(clients)
    .set({
      archivedAt: archived ? (existing.archivedAt ?? new Date()) : null,
      updatedAt: new Date(),
    })
    .where(eq(clients.id, clientId))
    .returning();
  if (!row) throw notFound('client');
  await recordAudit(ctx.db, {
    action: archived ? 'client.archived' : 'client.restored',
    actor,
    targetType: 'client',
    targetId: row.id,
    clientId: row.id,
  });
  return presentClient(row);
}
