/** @module The scoping workshop record: constraints, user paths with priorities, and risks. */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  riskInput,
  riskPatch,
  Scoping,
  scopingInput,
  userPathInput,
  userPathPatch,
} from '../../shared/roadmap.ts';
import type { AppContext } from '../context.ts';
import { milestones, risks, scopings, userPaths } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { findRisks, findUserPaths, presentRisk, presentUserPath } from './roadmap.repo.ts';

export async function getScoping(ctx: AppContext, clientId: string): Promise<Scoping> {
  const [[record], paths, riskRows] = await Promise.all([
    ctx.db.select().from(scopings).where(eq(scopings.clientId, clientId)),
    findUserPaths(ctx.db, clientId),
    findRisks(ctx.db, clientId),
  ]);
  return {
    workshopDate: record?.workshopDate ?? null,
    summary: record?.summary ?? '',
    constraints: record?.constraints ?? [],
    userPaths: paths.map(presentUserPath),
    risks: riskRows.map(presentRisk),
    updatedAt: record?.updatedAt.toISOString() ?? null,
  };
}

export async function saveScoping(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof scopingInput>;
}): Promise<Scoping> {
  const { ctx, clientId, input } = options;
  await ctx.db
    .insert(scopings)
    .values({ clientId, ...input })
    .onConflictDoUpdate({ target: scopings.clientId, set: { ...input, updatedAt: new Date() } });
  return getScoping(ctx, clientId);
}

export async function createUserPath(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof userPathInput>;
}) {
  const { ctx, clientId, input } = options;
  const [row] = await ctx.db
    .insert(userPaths)
    .values({
      clientId,
      ...input,
      position:
        input.position ??
        sql<number>`(select coalesce(max(${userPaths.position}) + 1, 0) from ${userPaths} where ${userPaths.clientId} = ${clientId})`,
    })
    .returning();
  return presentUserPath(row!);
}

export async function updateUserPath(options: {
  ctx: AppContext;
  clientId: string;
  userPathId: string;
  patch: z.output<typeof userPathPatch>;
}) {
  const { ctx, clientId, userPathId, patch } = options;
  const [row] = await ctx.db
    .update(userPaths)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(userPaths.clientId, clientId), eq(userPaths.id, userPathId)))
    .returning();
  if (!row) throw notFound('user path');
  return presentUserPath(row);
}

/** Deletes a user path and unlinks it from the client's milestones, in one transaction. */
export async function deleteUserPath(options: {
  ctx: AppContext;
  clientId: string;
  userPathId: string;
}) {
  const { ctx, clientId, userPathId } = options;
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(userPaths)
      .where(and(eq(userPaths.clientId, clientId), eq(userPaths.id, userPathId)))
      .returning({ id: userPaths.id });
    if (deleted.length === 0) throw notFound('user path');
    await tx
      .update(milestones)
      .set({ userPathIds: sql`${milestones.userPathIds} - ${userPathId}::text` })
      .where(
        and(
          eq(milestones.clientId, clientId),
          sql`${milestones.userPathIds} ? ${userPathId}::text`,
        ),
      );
  });
}

export async function createRisk(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof riskInput>;
}) {
  const [row] = await options.ctx.db
    .insert(risks)
    .values({ clientId: options.clientId, ...options.input })
    .returning();
  return presentRisk(row!);
}

export async function updateRisk(options: {
  ctx: AppContext;
  clientId: string;
  riskId: string;
  patch: z.output<typeof riskPatch>;
}) {
  const [row] = await options.ctx.db
    .update(risks)
    .set({ ...options.patch, updatedAt: new Date() })
    .where(and(eq(risks.clientId, options.clientId), eq(risks.id, options.riskId)))
    .returning();
  if (!row) throw notFound('risk');
  return presentRisk(row);
}

export async function deleteRisk(options: { ctx: AppContext; clientId: string; riskId: string }) {
  const deleted = await options.ctx.db
    .delete(risks)
    .where(and(eq(risks.clientId, options.clientId), eq(risks.id, options.riskId)))
    .returning({ id: risks.id });
  if (deleted.length === 0) throw notFound('risk');
}
