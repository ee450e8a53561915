/**
 * @module KPIs and their readings: define a KPI (target, direction, cadence) and record actuals
 * from the web app or a client's own scripts. One reading per period: recording the same period
 * again updates it, so a script can re-run safely. Deleting a KPI unlinks it from milestones.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  periodStart,
  type kpiInput,
  type kpiPatch,
  type namedReadingInput,
  type readingInput,
} from '../../shared/kpis.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { kpiReadings, kpis, milestones } from '../db/schema.ts';
import { conflict, invalid, notFound } from '../http/app-error.ts';
import {
  clientKpiRows,
  findKpiRow,
  presentKpi,
  presentReading,
  readingsOf,
  type KpiRow,
} from './kpis.repo.ts';

async function assertNameFree(ctx: AppContext, clientId: string, name: string, exceptId?: string) {
  const [taken] = await ctx.db
    .select({ id: kpis.id })
    .from(kpis)
    .where(and(eq(kpis.clientId, clientId), sql`lower(${kpis.name}) = lower(${name})`));
  if (taken && taken.id !== exceptId) {
    throw conflict(`a KPI named "${name}" already exists for this client`, [
      { path: 'body.name', message: 'is already used by another KPI of this client' },
    ]);
  }
}

export async function createKpi(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof kpiInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  await assertNameFree(ctx, clientId, input.name);
  const [row] = await ctx.db
    .insert(kpis)
    .values({ clientId, ...input })
    .returning();
  await recordAudit(ctx.db, {
    action: 'kpi.created',
    actor,
    targetType: 'kpi',
    targetId: row!.id,
    clientId,
  });
  return presentKpi(row!, []);
}

export async function updateKpi(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  kpiId: string;
  patch: z.output<typeof kpiPatch>;
}) {
  const { ctx, actor, clientId, kpiId, patch } = options;
  const row = await findKpiRow(ctx.db, clientId, kpiId);
  if (!row) throw notFound('KPI');
  if (patch.name) await assertNameFree(ctx, clientId, patch.name, kpiId);
  if (patch.cadence && patch.cadence !== row.cadence) {
    const readings = (await readingsOf(ctx.db, [kpiId])).get(kpiId) ?? [];
    if (readings.length > 0) {
      throw invalid('body.cadence', 'cannot change once readings exist; create a new KPI instead');
    }
  }
  const [updated] = await ctx.db
    .update(kpis)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(kpis.id, kpiId))
    .returning();
  await recordAudit(ctx.db, {
    action: 'kpi.updated',
    actor,
    targetType: 'kpi',
    targetId: kpiId,
    clientId,
    details: { fields: Object.keys(patch) },
  });
  return presentKpi(updated!, (await readingsOf(ctx.db, [kpiId])).get(kpiId) ?? []);
}

export async function deleteKpi(
  ctx: AppContext,
  actor: Principal,
  clientId: string,
  kpiId: string,
) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(kpis)
      .where(and(eq(kpis.clientId, clientId), eq(kpis.id, kpiId)))
      .returning({ name: kpis.name });
    if (!row) throw notFound('KPI');
    // Milestones keep their KPI links in a list, not a foreign key: unlink it here.
    await tx
      .update(milestones)
      .set({ kpiIds: sql`${milestones.kpiIds} - ${kpiId}::text` })
      .where(and(eq(milestones.clientId, clientId), sql`${milestones.kpiIds} ? ${kpiId}::text`));
    await recordAudit(tx, {
      action: 'kpi.deleted',
      actor,
      targetType: 'kpi',
      targetId: kpiId,
      clientId,
      details: { name: row.name },
    });
  });
}

/** Upsert on (KPI, period): the same period twice updates the one reading. */
export async function recordReading(options: {
  ctx: AppContext;
  actor: Principal;
  kpi: KpiRow;
  input: z.output<typeof readingInput>;
}) {
  const { ctx, actor, kpi, input } = options;
  const start = periodStart(input.date, kpi.cadence);
  const source = input.source ?? (actor.via === 'token' ? 'api' : 'ui');
  const [existing] = await ctx.db
    .select({ id: kpiReadings.id })
    .from(kpiReadings)
    .where(and(eq(kpiReadings.kpiId, kpi.id), eq(kpiReadings.periodStart, start)));
  const [row] = await ctx.db
    .insert(kpiReadings)
    .values({
      kpiId: kpi.id,
      clientId: kpi.clientId,
      periodStart: start,
      value: input.value,
      note: input.note,
      source,
      recordedBy: actor.userId,
    })
    .onConflictDoUpdate({
      target: [kpiReadings.kpiId, kpiReadings.periodStart],
      set: {
        value: input.value,
        note: input.note,
        source,
        recordedBy: actor.userId,
        updatedAt: new Date(),
      },
    })
    .returning();
  return { reading: presentReading(row!, kpi), created: !existing };
}

/** For scripts: the KPI by name (case-insensitive) or id; an unknown one is named in the error. */
export async function recordNamedReading(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof namedReadingInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  const all = await clientKpiRows(ctx.db, [clientId]);
  const wanted = input.kpi.toLowerCase();
  const kpi = all.find((k) => k.id === input.kpi || k.name.toLowerCase() === wanted);
  if (!kpi) {
    const known = all.map((k) => `"${k.name}"`).join(', ') || 'none yet';
    throw invalid('body.kpi', `no KPI named "${input.kpi}" for this client (known: ${known})`);
  }
  return recordReading({ ctx, actor, kpi, input });
}

export async function deleteReading(
  ctx: AppContext,
  clientId: string,
  kpiId: string,
  readingId: string,
) {
  const deleted = await ctx.db
    .delete(kpiReadings)
    .where(
      and(
        eq(kpiReadings.id, readingId),
        eq(kpiReadings.kpiId, kpiId),
        eq(kpiReadings.clientId, clientId),
      ),
    )
    .returning({ id: kpiReadings.id });
  if (deleted.length === 0) throw notFound('reading');
}
