/**
 * @module People and access: invitations by one-time link, roles, client assignments and
 * disabling. Every change lands in the audit log. The owner cannot lock themselves out.
 */
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { inviteRequest, personPatch } from '../../shared/api.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { clientIdsOf, presentUser, startSession } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Principal } from '../auth/principal.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { clientAccess, clients, invites, sessions, users } from '../db/schema.ts';
import { AppError, conflict, invalid, notFound } from '../http/app-error.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

const INVITE_DAYS = 7;

type InviteRow = typeof invites.$inferSelect;

export function presentInvite(row: InviteRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    clientIds: row.clientIds,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

async function assertClientsExist(db: Db, clientIds: string[], path: string): Promise<void> {
  if (clientIds.length === 0) return;
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(inArray(clients.id, clientIds));
  if (rows.length !== new Set(clientIds).size)
    throw invalid(path, 'names a client that does not exist');
}

function assertRoleAccess(role: string, clientIds: string[], path: string): void {
  if (role === 'founder' && clientIds.length !== 1)
    throw invalid(path, 'a founder sees exactly one client: give one client id');
}

export async function listPeople(ctx: AppContext) {
  const rows = await ctx.db.select().from(users).orderBy(asc(users.createdAt));
  const access = await ctx.db.select().from(clientAccess);
  return rows.map((row) =>
    presentUser(
      row,
      access.filter((a) => a.userId === row.id).map((a) => a.clientId),
    ),
  );
}

export async function createInvite(options: {
  ctx: AppContext;
  actor: Principal;
  input: z.output<typeof inviteRequest>;
}) {
  const { ctx, actor, input } = options;
  const clientIds = [...new Set(input.clientIds)];
  assertRoleAccess(input.role, clientIds, 'body.clientIds');
  await assertClientsExist(ctx.db, clientIds, 'body.clientIds');
  const [existing] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  if (existing)
    throw conflict('someone with this email already has an account', [
      { path: 'body.email', message: 'already has an account' },
    ]);
  const token = randomToken();
  const [row] = await ctx.db
    .insert(invites)
    .values({
      tokenHash: hashToken(token),
      email: input.email.toLowerCase(),
      role: input.role,
      clientIds,
      createdBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await recordAudit(ctx.db, {
    action: 'invite.created',
    actor,
    targetType: 'invite',
    targetId: row.id,
    details: { email: row.email, role: row.role, clientIds },
  });
  return { invite: presentInvite(row), token };
}

export async function listInvites(ctx: AppContext) {
  const rows = await ctx.db
    .select()
    .from(invites)
    .where(
      and(isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`)),
    )
    .orderBy(asc(invites.createdAt));
  return rows.map(presentInvite);
}

export async function revokeInvite(
  ctx: AppContext,
  actor: Principal,
  inviteId: string,
): Promise<void> {
  const [row] = await ctx.db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.id, inviteId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .returning();
  if (!row) throw notFound('open invite');
  await recordAudit(ctx.db, {
    action: 'invite.revoked',
    actor,
    targetType: 'invite',
    targetId: inviteId,
    details: { email: row.email },
  });
}

async function openInvite(db: Db, token: string): Promise<InviteRow> {
  const [row] = await db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, hashToken(token)));
  if (!row || row.revokedAt)
    throw new AppError('not_found', 'this invite link is not valid; ask for a new one');
  if (row.acceptedAt)
    throw new AppError('gone', 'this invite link has already been used; sign in instead');
  if (row.expiresAt <= new Date())
    throw new AppError('gone', 'this invite link has expired; ask for a new one');
  return row;
}

export async function inspectInvite(ctx: AppContext, token: string) {
  const row = await openInvite(ctx.db, token);
  const names = row.clientIds.length
    ? await ctx.db
        .select({ name: clients.name })
        .from(clients)
        .where(inArray(clients.id, row.clientIds))
    : [];
  return { email: row.email, role: row.role, clientNames: names.map((n) => n.name) };
}

export async function acceptInvite(options: {
  ctx: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
  input: { token: string; name: string; password: string };
}) {
  const { ctx, request, reply, input } = options;
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.transaction(async (tx) => {
    const invite = await openInvite(tx, input.token);
    // Claim the invite first: a second accept of the same link finds it used.
    const claimed = await tx
      .update(invites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt)))
      .returning();
    if (claimed.length === 0)
      throw new AppError('gone', 'this invite link has already been used; sign in instead');
    const [created] = await tx
      .insert(users)
      .values({ email: invite.email, name: input.name, passwordHash, role: invite.role })
      .returning();
    if (!created) throw new Error('insert returned no row');
    if (invite.clientIds.length) {
      const existing = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(inArray(clients.id, invite.clientIds));
      if (existing.length)
        await tx
          .insert(clientAccess)
          .values(existing.map((c) => ({ userId: created.id, clientId: c.id })));
    }
    await recordAudit(tx, {
      action: 'invite.accepted',
      actor: { userId: created.id, email: created.email },
      request,
      targetType: 'user',
      targetId: created.id,
      details: { role: created.role },
    });
    return created;
  });
  const session = await startSession(ctx, request, reply, user.id);
  return { user: presentUser(user, await clientIdsOf(ctx, user.id)), csrfToken: session.csrfToken };
}

export async function updatePerson(options: {
  ctx: AppContext;
  actor: Principal;
  userId: string;
  patch: z.output<typeof personPatch>;
}) {
  const { ctx, actor, userId, patch } = options;
  const [current] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!current) throw notFound('person');
  const role = patch.role ?? current.role;
  const clientIds = patch.clientIds
    ? [...new Set(patch.clientIds)]
    : await clientIdsOf(ctx, userId);
  if (role === 'founder') assertRoleAccess(role, clientIds, 'body.clientIds');
  if (patch.clientIds) await assertClientsExist(ctx.db, clientIds, 'body.clientIds');
  const losesOwner = current.role === 'owner' && (role !== 'owner' || patch.disabled === true);
  if (losesOwner) {
    const [owners] = await ctx.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'owner'), isNull(users.disabledAt)));
    if (Number(owners?.n ?? 0) <= 1)
      throw conflict('Keel needs at least one active owner; make someone else owner first');
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        role,
        updatedAt: new Date(),
        ...(patch.disabled === undefined
          ? {}
          : { disabledAt: patch.disabled ? (current.disabledAt ?? new Date()) : null }),
      })
      .where(eq(users.id, userId));
    if (patch.clientIds || role === 'owner') {
      await tx.delete(clientAccess).where(eq(clientAccess.userId, userId));
      if (role !== 'owner' && clientIds.length)
        await tx.insert(clientAccess).values(clientIds.map((clientId) => ({ userId, clientId })));
    }
    // A person who loses access loses it now, not when their session ends.
    if (patch.disabled || role !== current.role)
      await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, {
      action: 'person.updated',
      actor,
      targetType: 'user',
      targetId: userId,
      details: { ...patch, previousRole: current.role },
    });
  });
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!row) throw notFound('person');
  return presentUser(row, await clientIdsOf(ctx, userId));
}

export async function removePerson(
  ctx: AppContext,
  actor: Principal,
  userId: string,
): Promise<void> {
  if (userId === actor.userId) throw conflict('you cannot remove yourself');
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!row) throw notFound('person');
  if (row.role === 'owner') {
    const [owners] = await ctx.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'owner'), isNull(users.disabledAt)));
    if (Number(owners?.n ?? 0) <= 1) throw conflict('Keel needs at least one active owner');
  }
  await ctx.db.delete(users).where(eq(users.id, userId));
  await recordAudit(ctx.db, {
    action: 'person.removed',
    actor,
    targetType: 'user',
    targetId: userId,
    details: { email: row.email, role: row.role },
  });
}

export function inviteUrl(ctx: AppContext, request: FastifyRequest, token: string): string {
  const base = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
  // The token rides in the fragment, so it never reaches a server log or a Referer header.
  return `${base}/invite#token=${encodeURIComponent(token)}`;
}
