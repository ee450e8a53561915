/**
 * @module Proposed features, each scored against its KPI with the push-back rule (docs/scoring.md),
 * the running cost written in the client's engagement currency.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { EngagementStatus } from '../../shared/engagements.ts';
import { DEFAULT_CURRENCY, scoreFeature } from '../../shared/feature-scoring.ts';
import type { Feature, featureInput, featurePatch } from '../../shared/kpis.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { engagements, features } from '../db/schema.ts';
import { invalid, notFound } from '../http/app-error.ts';
import { clientKpiRows, findKpiRow, type KpiRow } from './kpis.repo.ts';

type Row = typeof features.$inferSelect;

/** Engagements first by how current they are: the running one's currency wins. */
const statusRank: Record<EngagementStatus, number> = { active: 0, paused: 1, proposed: 2, done: 3 };

/**
 * Each client's currency, for a feature's running cost: that of its active engagement, else its
 * paused, proposed or finished one (the latest start first); EUR for a client with none.
 */
async function clientCurrencies(ctx: AppContext, clientIds: string[]) {
  const rows = await ctx.db
    .select({
      clientId: engagements.clientId,
      currency: engagements.currency,
      status: engagements.status,
      startDate: engagements.startDate,
    })
    .from(engagements)
    .where(inArray(engagements.clientId, clientIds));
  rows.sort(
    (a, b) => statusRank[a.status] - statusRank[b.status] || b.startDate.localeCompare(a.startDate),
  );
  const currencies = new Map<string, string>();
  for (const r of rows) if (!currencies.has(r.clientId)) currencies.set(r.clientId, r.currency);
  return (clientId: string) => currencies.get(clientId) ?? DEFAULT_CURRENCY;
}

export function presentFeature(row: Row, kpi: KpiRow | undefined, currency: string): Feature {
  return {
    id: row.id,
    clientId: row.clientId,
    title: row.title,
    description: row.description,
    kpiId: row.kpiId,
    kpiName: kpi?.name ?? null,
    expectedEffect: row.expectedEffect,
    effectUnit: row.effectUnit,
    confidence: row.confidence,
    effortDays: row.effortDays,
    risk: row.risk,
    newDependencies: row.newDependencies,
    runningCostPerMonth: row.runningCostPerMonth,
    score: scoreFeature({
      ...row,
      kpi: kpi ? { name: kpi.name, target: kpi.target } : null,
      currency,
    }),
  };
}

export async function listFeatures(ctx: AppContext, clientIds: string[]) {
  if (clientIds.length === 0) return [];
  const kpis = new Map((await clientKpiRows(ctx.db, clientIds)).map((k) => [k.id, k]));
  const rows = await Promise.all(
    clientIds.map((id) =>
      ctx.db
        .select()
        .from(features)
        .where(eq(features.clientId, id))
        .orderBy(asc(features.createdAt)),
    ),
  );
  const currencyOf = await clientCurrencies(ctx, clientIds);
  return rows
    .flat()
    .map((r) => presentFeature(r, r.kpiId ? kpis.get(r.kpiId) : undefined, currencyOf(r.clientId)));
}

async function kpiFor(ctx: AppContext, clientId: string, kpiId: string | null | undefined) {
  if (!kpiId) return undefined;
  const kpi = await findKpiRow(ctx.db, clientId, kpiId);
  if (!kpi) throw invalid('body.kpiId', 'names no KPI of this client');
  return kpi;
}

export async function createFeature(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof featureInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  const kpi = await kpiFor(ctx, clientId, input.kpiId);
  const [row] = await ctx.db
    .insert(features)
    .values({ clientId, ...input })
    .returning();
  await recordAudit(ctx.db, {
    action: 'feature.created',
    actor,
    targetType: 'feature',
    targetId: row!.id,
    clientId,
  });
  return presentFeature(row!, kpi, (await clientCurrencies(ctx, [clientId]))(clientId));
}

async function findFeature(ctx: AppContext, clientId: string, featureId: string) {
  const [row] = await ctx.db
    .select()
    .from(features)
    .where(and(eq(features.clientId, clientId), eq(features.id, featureId)));
  if (!row) throw notFound('feature');
  return row;
}

export async function updateFeature(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  featureId: string;
  patch: z.output<typeof featurePatch>;
}) {
  const { ctx, actor, clientId, featureId, patch } = options;
  const row = await findFeature(ctx, clientId, featureId);
  const kpi = await kpiFor(ctx, clientId, patch.kpiId !== undefined ? patch.kpiId : row.kpiId);
  const [updated] = await ctx.db
    .update(features)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(features.id, row.id))
    .returning();
  await recordAudit(ctx.db, {
    action: 'feature.updated',
    actor,
    targetType: 'feature',
    targetId: row.id,
    clientId,
  });
  return presentFeature(updated!, kpi, (await clientCurrencies(ctx, [clientId]))(clientId));
}

export async function deleteFeature(
  ctx: AppContext,
  actor: Principal,
  clientId: string,
  featureId: string,
) {
  const row = await findFeature(ctx, clientId, featureId);
  await ctx.db.delete(features).where(eq(features.id, row.id));
  await recordAudit(ctx.db, {
    action: 'feature.deleted',
    actor,
    targetType: 'feature',
    targetId: row.id,
    clientId,
  });
}
