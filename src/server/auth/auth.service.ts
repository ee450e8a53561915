/**
 * @module Sign-in, first-run setup and passwords. Sign-in failures are counted in the audit
 * log, which is also what rate-limits them, so the limit holds across processes and restarts.
 */
import { count, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../shared/api.ts';
import { recentLoginFailures, recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { clientAccess, users } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, SESSION_COOKIE } from './sessions.ts';

type UserRow = typeof users.$inferSelect;

export function presentUser(row: UserRow, clientIds: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    clientIds,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function clientIdsOf(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: clientAccess.clientId })
    .from(clientAccess)
    .where(eq(clientAccess.userId, userId));
  return rows.map((r) => r.id);
}

export async function needsSetup(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

function isSecureRequest(ctx: AppContext, request: FastifyRequest): boolean {
  return request.protocol === 'https' || Boolean(ctx.config.publicUrl?.startsWith('https://'));
}

export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
) {
  const session = await createSession(ctx, userId);
  void reply.setCookie(SESSION_COOKIE, session.cookieValue, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(ctx, request),
    path: '/',
    expires: session.expiresAt,
  });
  return session;
}

export async function setupOwner(
  ctx: AppContext,
  input: { name: string; email: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    // One owner from setup, even when two browsers submit at once.
    await tx.execute(sql`select pg_advisory_xact_lock(72001)`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if (Number(existing?.n ?? 0) > 0)
      throw new AppError('conflict', 'Keel is already set up; sign in instead');
    const [owner] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, passwordHash, role: 'owner' })
      .returning();
    if (!owner) throw new Error('insert returned no row');
    await recordAudit(tx, {
      action: 'auth.setup',
      actorLabel: owner.email,
      actor: { userId: owner.id, email: owner.email },
      targetType: 'user',
      targetId: owner.id,
    });
    return owner;
  });
}

export async function signIn(
  ctx: AppContext,
  request: FastifyRequest,
  input: { email: string; password: string },
): Promise<UserRow> {
  const email = input.email.toLowerCase();
  // Per account the limit is tight; per address it is ten times looser, because an office or
  // a VPN puts many honest people behind one address.
  const failures = await recentLoginFailures(ctx, email, request.ip);
  if (
    failures.byEmail >= ctx.config.loginMaxFailures ||
    failures.byIp >= ctx.config.loginMaxFailures * 10
  ) {
    throw new AppError(
      'rate_limited',
      'too many failed sign-ins; wait 15 minutes and try again',
      [],
      { 'retry-after': '900' },
    );
  }
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const ok =
    user && !user.disabledAt
      ? await verifyPassword(user.passwordHash, input.password)
      : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await recordAudit(ctx.db, {
      action: 'auth.login_failed',
      actorLabel: email,
      request,
      details: { email },
    });
    throw new AppError('unauthenticated', 'wrong email or password');
  }
  await recordAudit(ctx.db, {
    action: 'auth.login',
    actor: { userId: user.id, email: user.email },
    request,
    targetType: 'user',
    targetId: user.id,
  });
  return user;
}

export async function changePassword(
  ctx: AppContext,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('validation_failed', 'body.currentPassword: is not your current password', [
      { path: 'body.currentPassword', message: 'is not your current password' },
    ]);
  }
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() })
    .where(eq(users.id, userId));
  await recordAudit(ctx.db, {
    action: 'user.password_changed',
    actor: { userId, email: user.email },
    targetType: 'user',
    targetId: userId,
  });
}
