/**
 * @module Milestones: create, edit, delete, with the checks a roadmap needs — linked user paths,
 * KPIs and engagement exist for this client, dates not before the engagement starts, done only with
 * every acceptance criterion met, price shares not over 100 % — all inside one transaction.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, todayUtc } from '../../shared/dates.ts';
import type { MilestoneList, milestoneInput, milestonePatch } from '../../shared/roadmap.ts';
import { slipSummary } from '../../shared/roadmap.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { engagements, kpis, milestones, userPaths } from '../db/schema.ts';
import { forbidden, notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';
import { reportTimeZone } from '../reports/reports.service.ts';
import { localDate } from './roadmap.report.ts';
import {
  findMilestone,
  findMilestones,
  presentMilestone,
  type MilestoneRow,
} from './roadmap.repo.ts';

type MilestoneValues = Omit<MilestoneRow, 'id' | 'clientId' | 'createdAt' | 'updatedAt'>;

export async function listMilestones(ctx: AppContext, clientId: string): Promise<MilestoneList> {
  const today = todayUtc();
  const rows = await findMilestones(ctx.db, clientId);
  return {
    milestones: rows.map((r) => presentMilestone(r, today)),
    slip: slipSummary(rows, today),
  };
}

async function checkMilestone(
  tx: Db,
  clientId: string,
  values: MilestoneValues,
  selfId: string | null,
): Promise<void> {
  const errors = new FieldErrors();
  const today = todayUtc();

  if (values.pricePercent !== null && values.priceAmount !== null)
    errors.add('body.priceAmount', 'give a percent of the price or an amount, not both');
  if (values.status === 'done') {
    values.acceptance.forEach((c, i) => {
      if (!c.met)
        errors.add(
          `body.acceptance.${i}.met`,
          `"${c.text}" is not met yet; tick it (or change it) before marking the milestone done`,
        );
    });
  } else if (values.doneDate !== null) {
    errors.add('body.doneDate', 'set the date it was done only when the status is done');
  }
  // One day of leeway: the person may be a time zone ahead of UTC.
  if (values.doneDate !== null && values.doneDate > addDays(today, 1))
    errors.add('body.doneDate', `is in the future; it must be today (${today}) or earlier`);

  if (values.userPathIds.length > 0) {
    const known = await tx
      .select({ id: userPaths.id })
      .from(userPaths)
      .where(and(eq(userPaths.clientId, clientId), inArray(userPaths.id, values.userPathIds)));
    const knownIds = new Set(known.map((k) => k.id));
    values.userPathIds.forEach((id, i) => {
      if (!knownIds.has(id))
        errors.add(`body.userPathIds.${i}`, `no user path ${id} in this client's scoping`);
    });
    if (new Set(values.userPathIds).size !== values.userPathIds.length)
      errors.add('body.userPathIds', 'lists the same user path twice');
  }

  if (values.kpiIds.length > 0) {
    const known = await tx
      .select({ id: kpis.id })
      .from(kpis)
      .where(and(eq(kpis.clientId, clientId), inArray(kpis.id, values.kpiIds)));
    const knownIds = new Set(known.map((k) => k.id));
    values.kpiIds.forEach((id, i) => {
      if (!knownIds.has(id)) errors.add(`body.kpiIds.${i}`, `no such KPI for this client (${id})`);
    });
    if (new Set(values.kpiIds).size !== values.kpiIds.length)
      errors.add('body.kpiIds', 'lists the same KPI twice');
  }

  if (values.engagementId !== null) {
    const [engagement] = await tx
      .select()
      .from(engagements)
      .where(and(eq(engagements.clientId, clientId), eq(engagements.id, values.engagementId)));
    if (!engagement) {
      errors.add('body.engagementId', `no engagement ${values.engagementId} for this client`);
    } else {
      const start = engagement.startDate;
      if (values.dueDate < start)
        errors.add('body.dueDate', `is before the engagement starts (${start})`);
      if (values.doneDate !== null && values.doneDate < start)
        errors.add('body.doneDate', `is before the engagement starts (${start})`);
      if (engagement.endDate !== null && values.dueDate > engagement.endDate)
        errors.add('body.dueDate', `is after the engagement ends (${engagement.endDate})`);
      if (values.status !== 'cancelled') {
        const [others] = await tx
          .select({
            percent: sql<string | null>`sum(${milestones.pricePercent})`,
            amount: sql<string | null>`sum(${milestones.priceAmount})`,
          })
          .from(milestones)
          .where(
            and(
              eq(milestones.engagementId, engagement.id),
              ne(milestones.status, 'cancelled'),
              selfId ? ne(milestones.id, selfId) : undefined,
            ),
          );
        const percent = Number(others?.percent ?? 0) + (values.pricePercent ?? 0);
        if (values.pricePercent !== null && percent > 100.0001)
          errors.add(
            'body.pricePercent',
            `the milestones of this engagement would add up to ${Math.round(percent * 100) / 100} % of its price; the most left is ${Math.round((100 - (percent - values.pricePercent)) * 100) / 100} %`,
          );
        const amount = Number(others?.amount ?? 0) + (values.priceAmount ?? 0);
        const ceiling = engagement.priceMax;
        if (values.priceAmount !== null && ceiling !== null && amount > ceiling)
          errors.add(
            'body.priceAmount',
            `the milestones of this engagement would add up to ${engagement.currency} ${amount}, over its price of ${engagement.currency} ${ceiling}`,
          );
      }
    }
  }
  errors.throwIfAny();
}

/** Today in the client's report time zone, so a done date agrees with the report's weeks. */
async function clientToday(db: Db, clientId: string, now = new Date()): Promise<string> {
  return localDate(now, await reportTimeZone(db, clientId));
}

export async function createMilestone(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof milestoneInput>;
  /** The instant "today" is taken from (tests); defaults to now. */
  now?: Date;
}) {
  const { ctx, clientId, input } = options;
  const row = await ctx.db.transaction(async (tx) => {
    const values: MilestoneValues = {
      ...input,
      // The plan is the first due date it is given; later moves of the due date leave it.
      plannedDate: input.dueDate,
      replannedAt: null,
      doneDate:
        input.status === 'done'
          ? (input.doneDate ?? (await clientToday(tx, clientId, options.now)))
          : input.doneDate,
      position: input.position ?? 0,
    };
    await checkMilestone(tx, clientId, values, null);
    const [inserted] = await tx
      .insert(milestones)
      .values({
        clientId,
        ...values,
        position:
          input.position ??
          sql<number>`(select coalesce(max(${milestones.position}) + 1, 0) from ${milestones} where ${milestones.clientId} = ${clientId})`,
      })
      .returning();
    return inserted!;
  });
  return presentMilestone(row, todayUtc());
}

/**
 * Edits a milestone. A new due date leaves the planned date (slip stays measured against the
 * plan); `replan: true` re-baselines: the owner only, on an open milestone, recorded in the
 * audit log with the old and new planned dates.
 */
export async function updateMilestone(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  milestoneId: string;
  patch: z.output<typeof milestonePatch>;
  /** The instant "today" is taken from (tests); defaults to now. */
  now?: Date;
}) {
  const { ctx, actor, clientId, milestoneId } = options;
  const { replan = false, ...patch } = options.patch;
  if (replan && actor.role !== 'owner')
    throw forbidden('only the owner can re-baseline a milestone (make its due date the new plan)');
  const row = await ctx.db.transaction(async (tx) => {
    const existing = await findMilestone(tx, clientId, milestoneId);
    if (!existing) throw notFound('milestone');
    const status = patch.status ?? existing.status;
    let doneDate = patch.doneDate !== undefined ? patch.doneDate : existing.doneDate;
    // Marking done stamps today unless a date is given; leaving done clears the date.
    if (status === 'done' && doneDate === null)
      doneDate = await clientToday(tx, clientId, options.now);
    if (status !== 'done' && patch.doneDate === undefined) doneDate = null;
    const { id: _id, clientId: _c, createdAt: _ca, updatedAt: _ua, ...current } = existing;
    const values: MilestoneValues = { ...current, ...patch, status, doneDate };
    const isReplanned = replan && values.dueDate !== existing.plannedDate;
    if (replan && (status === 'done' || status === 'cancelled')) {
      const errors = new FieldErrors();
      errors.add(
        'body.replan',
        `a ${status} milestone keeps its plan (${existing.plannedDate}); only an open one can be re-baselined`,
      );
      errors.throwIfAny();
    }
    if (isReplanned) {
      values.plannedDate = values.dueDate;
      values.replannedAt = new Date();
    }
    await checkMilestone(tx, clientId, values, milestoneId);
    const [updated] = await tx
      .update(milestones)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(milestones.id, milestoneId))
      .returning();
    if (isReplanned)
      await recordAudit(tx, {
        action: 'milestone.replanned',
        actor,
        targetType: 'milestone',
        targetId: milestoneId,
        clientId,
        details: { title: values.title, from: existing.plannedDate, to: values.plannedDate },
      });
    return updated!;
  });
  return presentMilestone(row, todayUtc());
}

export async function deleteMilestone(options: {
  ctx: AppContext;
  clientId: string;
  milestoneId: string;
}) {
  const deleted = await options.ctx.db
    .delete(milestones)
    .where(and(eq(milestones.clientId, options.clientId), eq(milestones.id, options.milestoneId)))
    .returning({ id: milestones.id });
  if (deleted.length === 0) throw notFound('milestone');
}
