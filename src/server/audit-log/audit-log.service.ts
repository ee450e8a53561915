/**
 * @module The audit log: sign-ins, failed sign-ins and every change to people, roles and
 * tokens. Append-only; the owner reads it through the API.
 */
import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';

export interface AuditEvent {
  action: string;
  actor?: Pick<Principal, 'userId' | 'email'> | undefined;
  actorLabel?: string;
  targetType?: string;
  targetId?: string;
  clientId?: string | null;
  request?: FastifyRequest;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    action: event.action,
    actorUserId: event.actor?.userId ?? null,
    actorLabel: event.actorLabel ?? event.actor?.email ?? 'anonymous',
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    clientId: event.clientId ?? null,
    ip: event.request?.ip ?? null,
    details: event.details ?? {},
  });
}

export async function listAudit(
  ctx: AppContext,
  options: { limit: number; before?: number | undefined },
) {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(options.before ? lt(auditLog.id, options.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    clientId: r.clientId,
    ip: r.ip,
    details: r.details,
  }));
}

/** Failed sign-ins in the last 15 minutes, for this email and from this address. */
export async function recentLoginFailures(
  ctx: AppContext,
  email: string,
  ip: string,
): Promise<{ byEmail: number; byIp: number }> {
  const [row] = await ctx.db
    .select({
      byEmail: sql<number>`count(*) filter (where ${auditLog.details}->>'email' = ${email})`,
      byIp: sql<number>`count(*) filter (where ${auditLog.ip} = ${ip})`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'auth.login_failed'),
        gt(auditLog.at, sql`now() - interval '15 minutes'`),
        or(sql`${auditLog.details}->>'email' = ${email}`, eq(auditLog.ip, ip)),
      ),
    );
  return { byEmail: Number(row?.byEmail ?? 0), byIp: Number(row?.byIp ?? 0) };
}
