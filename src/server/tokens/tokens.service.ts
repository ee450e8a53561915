/**
 * @module API tokens for automation: scoped to one client or to every client the creator can
 * reach, read-only unless asked, stored as a SHA-256 hash and shown once.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApiToken, tokenRequest } from '../../shared/api.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { canSeeClient, type Principal } from '../auth/principal.ts';
import { TOKEN_PREFIX } from '../auth/sessions.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { apiTokens } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../http/app-error.ts';

type TokenRow = typeof apiTokens.$inferSelect;

export function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.userId,
    clientId: row.clientId,
    canWrite: row.canWrite,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createToken(options: {
  ctx: AppContext;
  actor: Principal;
  input: z.output<typeof tokenRequest>;
}) {
  const { ctx, actor, input } = options;
  if (actor.via === 'token')
    throw new AppError(
      'forbidden',
      'tokens are created from a signed-in session, not with another token',
    );
  if (input.clientId && !canSeeClient(actor, input.clientId))
    throw invalid('body.clientId', 'names a client you cannot reach');
  if (input.canWrite && actor.role === 'founder')
    throw invalid('body.canWrite', 'founders have read-only access; leave canWrite false');
  if (
    !input.clientId &&
    actor.role !== 'owner' &&
    actor.clientScope !== 'all' &&
    actor.clientScope.size === 0
  ) {
    throw invalid('body.clientId', 'you have no clients yet');
  }
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      userId: actor.userId,
      clientId: input.clientId,
      canWrite: input.canWrite,
      expiresAt: input.expiresInDays
        ? new Date(Date.now() + input.expiresInDays * 86_400_000)
        : null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await recordAudit(ctx.db, {
    action: 'token.created',
    actor,
    targetType: 'token',
    targetId: row.id,
    clientId: row.clientId,
    details: { name: row.name, canWrite: row.canWrite },
  });
  return { token, apiToken: presentToken(row) };
}

/** The owner sees every token; anyone else sees their own. */
export async function listTokens(ctx: AppContext, actor: Principal) {
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(
      and(
        isNull(apiTokens.revokedAt),
        actor.role === 'owner' ? undefined : eq(apiTokens.userId, actor.userId),
      ),
    )
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

export async function revokeToken(
  ctx: AppContext,
  actor: Principal,
  tokenId: string,
): Promise<void> {
  const [row] = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  const mayRevoke =
    row && (row.userId === actor.userId || (actor.role === 'owner' && actor.clientScope === 'all'));
  if (!row || !mayRevoke || row.revokedAt) throw notFound('token');
  await ctx.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
  await recordAudit(ctx.db, {
    action: 'token.revoked',
    actor,
    targetType: 'token',
    targetId: tokenId,
    clientId: row.clientId,
    details: { name: row.name },
  });
}
