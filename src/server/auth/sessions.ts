/**
 * @module Sessions and principals: a cookie holds a random id, the database holds its hash;
 * a bearer token resolves the same way through api_tokens. Both become a Principal.
 */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '../../shared/domain.ts';
import type { AppContext } from '../context.ts';
import { apiTokens, clientAccess, sessions, users } from '../db/schema.ts';
import type { Principal } from './principal.ts';
import { hashToken, randomToken } from './tokens.ts';

export const SESSION_COOKIE = 'keel_session';
export const TOKEN_PREFIX = 'keel_';

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(ctx: AppContext, userId: string): Promise<NewSession> {
  const cookieValue = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.db
    .insert(sessions)
    .values({ idHash: hashToken(cookieValue), userId, csrfToken, expiresAt });
  return { cookieValue, csrfToken, expiresAt };
}

export async function deleteSession(ctx: AppContext, idHash: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export type SessionLookup = { principal: Principal } | { expired: true } | undefined;

export async function principalFromSession(
  ctx: AppContext,
  cookieValue: string,
): Promise<SessionLookup> {
  const idHash = hashToken(cookieValue);
  const [row] = await ctx.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  if (!row) return undefined;
  if (row.session.expiresAt <= new Date() || row.user.disabledAt) {
    await deleteSession(ctx, idHash);
    return { expired: true };
  }
  // Sliding expiry, written at most once a minute so reads stay reads.
  if (Date.now() - row.session.lastSeenAt.getTime() > 60_000) {
    const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000);
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt })
      .where(eq(sessions.idHash, idHash));
  }
  const scope = await clientScopeOf(ctx, row.user.id, row.user.role);
  return {
    principal: {
      userId: row.user.id,
      role: row.user.role,
      email: row.user.email,
      name: row.user.name,
      via: 'session',
      clientScope: scope,
      canWrite: row.user.role !== 'founder',
      csrfToken: row.session.csrfToken,
      sessionIdHash: idHash,
    },
  };
}

export async function principalFromToken(
  ctx: AppContext,
  token: string,
): Promise<Principal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await ctx.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    );
  if (!row) return undefined;
  const lastUsed = row.token.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - lastUsed > 60_000) {
    await ctx.db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(eq(apiTokens.id, row.token.id));
  }
  const userScope = await clientScopeOf(ctx, row.user.id, row.user.role);
  const tokenClient = row.token.clientId;
  let clientScope: Principal['clientScope'] = userScope;
  if (tokenClient) {
    const reachable = userScope === 'all' || userScope.has(tokenClient);
    clientScope = new Set(reachable ? [tokenClient] : []);
  }
  return {
    userId: row.user.id,
    role: row.user.role,
    email: row.user.email,
    name: row.user.name,
    via: 'token',
    clientScope,
    canWrite: row.token.scope !== 'read' && row.user.role !== 'founder',
    tokenScope: row.token.scope,
    tokenId: row.token.id,
  };
}

export async function clientScopeOf(
  ctx: AppContext,
  userId: string,
  role: Role,
): Promise<Principal['clientScope']> {
  if (role === 'owner') return 'all';
  const rows = await ctx.db
    .select({ clientId: clientAccess.clientId })
    .from(clientAccess)
    .where(eq(clientAccess.userId, userId));
  return new Set(rows.map((r) => r.clientId));
}
