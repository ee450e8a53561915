/** @module Client rows in and out of the database, presented in the API's shape. */
import { and, asc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Client } from '../../shared/api.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { clients } from '../db/schema.ts';

export type ClientRow = typeof clients.$inferSelect;

export function presentClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    stack: row.stack,
    blocker: row.blocker,
    notes: row.notes,
    contacts: row.contacts.map((c) => ({
      name: c.name,
      ...(c.email ? { email: c.email } : {}),
      ...(c.role ? { role: c.role } : {}),
    })),
    isDemo: row.isDemo,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findClients(
  db: Db,
  options: { scope: Principal['clientScope']; archived: 'include' | 'only' | 'exclude' },
): Promise<ClientRow[]> {
  const conditions: SQL[] = [];
  if (options.scope !== 'all') {
    if (options.scope.size === 0) return [];
    conditions.push(inArray(clients.id, [...options.scope]));
  }
  if (options.archived === 'exclude') conditions.push(isNull(clients.archivedAt));
  if (options.archived === 'only') conditions.push(isNotNull(clients.archivedAt));
  return db
    .select()
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.name));
}

export async function findClient(db: Db, id: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id));
  return row;
}
