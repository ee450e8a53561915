/**
 * @module API tokens for automation: scoped to one client or to every client the creator can
 * reach, with a scope (read unless asked: write, or kpi-readings for one client's scripts),
 * stored as a SHA-256 hash and shown once.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApiToken, tokenRequest } from '../../shared/api.ts';
import type { TokenScope } from '../../shared/domain.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { canSeeClient, type Principal } from '../auth/principal.ts';
import { TOKEN_PREFIX } from '../auth/sessions.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { apiTokens } from '../db/schema.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';

type TokenRow = typeof apiTokens.$inferSelect;

export function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.userId,
    clientId: row.clientId,
    scope: row.scope,
    canWrite: row.scope === 'write',
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

const legacyScope = (canWrite: boolean): TokenScope => (canWrite ? 'write' : 'read');

/** `scope` wins; the older `canWrite` still maps (true → write, false → read); read otherwise. */
function scopeOf(input: z.output<typeof tokenRequest>): TokenScope {
  return input.scope ?? legacyScope(input.canWrite ?? false);
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
  const scope = scopeOf(input);
  const errors = new FieldErrors();
  if (
    input.scope !== undefined &&
    input.canWrite !== undefined &&
    legacyScope(input.canWrite) !== input.scope
  )
    errors.add(
      'body.canWrite',
      `means scope ${legacyScope(input.canWrite)} but scope is ${input.scope}; send scope only`,
    );
  if (input.clientId && !canSeeClient(actor, input.clientId))
    errors.add('body.clientId', 'names a client you cannot reach');
  if (scope === 'kpi-readings' && !input.clientId)
    errors.add(
      'body.clientId',
      'is required for a kpi-readings token: choose the client whose script posts the readings',
    );
  if (scope !== 'read' && actor.role === 'founder')
    errors.add(
      input.scope === undefined ? 'body.canWrite' : 'body.scope',
      'founders have read-only access; a founder token has scope read',
    );
  if (
    !input.clientId &&
    actor.role !== 'owner' &&
    actor.clientScope !== 'all' &&
    actor.clientScope.size === 0
  ) {
    errors.add('body.clientId', 'you have no clients yet');
  }
  errors.throwIfAny();
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      userId: actor.userId,
      clientId: input.clientId,
      scope,
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
    details: { name: row.name, scope: row.scope },
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
