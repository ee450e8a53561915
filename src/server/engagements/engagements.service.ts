/**
 * @module Engagements: create and edit with the rules of each kind (an MVP sprint lasts four to
 * six weeks and has a price range; a retainer has a monthly fee and an hours budget), and status
 * moves proposed → active ⇄ paused → done, refused with a clear message otherwise.
 */
import { and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { z } from 'zod';
import {
  engagementTransitions,
  sprintLength,
  SPRINT_MAX_DAYS,
  SPRINT_MAX_WEEKS,
  SPRINT_MIN_DAYS,
  SPRINT_MIN_WEEKS,
  type Engagement,
  type EngagementStatus,
  type engagementInput,
  type engagementPatch,
} from '../../shared/engagements.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { engagements, milestones } from '../db/schema.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';

export type EngagementRow = typeof engagements.$inferSelect;
type EngagementValues = Omit<
  EngagementRow,
  'id' | 'clientId' | 'status' | 'createdAt' | 'updatedAt'
>;

export function presentEngagement(row: EngagementRow): Engagement {
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    title: row.title,
    status: row.status,
    startDate: row.startDate,
    endDate: row.endDate,
    currency: row.currency,
    priceMin: row.priceMin,
    priceMax: row.priceMax,
    monthlyFee: row.monthlyFee,
    hoursPerMonth: row.hoursPerMonth,
    terms: row.terms,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findEngagement(db: Db, clientId: string, id: string) {
  const [row] = await db
    .select()
    .from(engagements)
    .where(and(eq(engagements.clientId, clientId), eq(engagements.id, id)));
  return row;
}

export async function listEngagements(ctx: AppContext, clientId: string) {
  const rows = await ctx.db
    .select()
    .from(engagements)
    .where(eq(engagements.clientId, clientId))
    .orderBy(asc(engagements.startDate), asc(engagements.createdAt));
  return rows.map(presentEngagement);
}

function checkEngagement(values: EngagementValues, errors: FieldErrors): void {
  const { startDate, endDate } = values;
  if (endDate !== null && endDate < startDate)
    errors.add('body.endDate', `is before the start date (${startDate}); the end must come after`);
  if (values.kind === 'mvp-sprint') {
    if (endDate === null) {
      errors.add('body.endDate', 'is required for an MVP sprint (it lasts 4 to 6 weeks)');
    } else if (endDate >= startDate) {
      const { days, weeks } = sprintLength(startDate, endDate);
      if (weeks < SPRINT_MIN_WEEKS || weeks > SPRINT_MAX_WEEKS)
        errors.add(
          'body.endDate',
          `an MVP sprint lasts ${SPRINT_MIN_WEEKS} to ${SPRINT_MAX_WEEKS} weeks, counted from the start date to the end date with both included and rounded to whole weeks (${SPRINT_MIN_DAYS} to ${SPRINT_MAX_DAYS} days); this one is ${days} ${days === 1 ? 'day' : 'days'}, about ${weeks} ${weeks === 1 ? 'week' : 'weeks'}`,
        );
    }
    if (values.priceMin === null) errors.add('body.priceMin', 'is required for an MVP sprint');
    if (values.priceMax === null) errors.add('body.priceMax', 'is required for an MVP sprint');
    if (values.priceMin !== null && values.priceMax !== null && values.priceMin > values.priceMax)
      errors.add('body.priceMax', `is lower than the minimum price (${values.priceMin})`);
    if (values.monthlyFee !== null)
      errors.add('body.monthlyFee', 'is for a retainer; an MVP sprint has a price range');
    if (values.hoursPerMonth !== null)
      errors.add('body.hoursPerMonth', 'is for a retainer; an MVP sprint has a price range');
  } else {
    if (values.monthlyFee === null) errors.add('body.monthlyFee', 'is required for a retainer');
    if (values.hoursPerMonth === null)
      errors.add('body.hoursPerMonth', 'is required for a retainer (the hours budget per month)');
    if (values.priceMin !== null || values.priceMax !== null)
      errors.add('body.priceMin', 'is for an MVP sprint; a retainer has a monthly fee');
  }
}

export async function createEngagement(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof engagementInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  const errors = new FieldErrors();
  checkEngagement(input, errors);
  errors.throwIfAny();
  const [row] = await ctx.db
    .insert(engagements)
    .values({ clientId, ...input })
    .returning();
  await recordAudit(ctx.db, {
    action: 'engagement.created',
    actor,
    targetType: 'engagement',
    targetId: row!.id,
    clientId,
    details: { kind: row!.kind },
  });
  return presentEngagement(row!);
}

export async function updateEngagement(options: {
  ctx: AppContext;
  clientId: string;
  engagementId: string;
  patch: z.output<typeof engagementPatch>;
}) {
  const { ctx, clientId, engagementId, patch } = options;
  const row = await ctx.db.transaction(async (tx) => {
    const existing = await findEngagement(tx, clientId, engagementId);
    if (!existing) throw notFound('engagement');
    const {
      id: _i,
      clientId: _c,
      status: _s,
      createdAt: _ca,
      updatedAt: _u,
      ...current
    } = existing;
    const values: EngagementValues = { ...current, ...patch };
    const errors = new FieldErrors();
    checkEngagement(values, errors);
    // Milestones already planned inside the engagement must stay inside it, at both ends.
    const outside = await tx
      .select({ title: milestones.title, dueDate: milestones.dueDate })
      .from(milestones)
      .where(
        and(
          eq(milestones.engagementId, engagementId),
          or(lt(milestones.dueDate, values.startDate), lt(milestones.doneDate, values.startDate)),
        ),
      )
      .limit(3);
    if (outside.length > 0)
      errors.add(
        'body.startDate',
        `is after the due date of milestone "${outside[0]!.title}" (${outside[0]!.dueDate}); move the milestone first`,
      );
    if (values.endDate !== null) {
      const late = await tx
        .select({ title: milestones.title, dueDate: milestones.dueDate })
        .from(milestones)
        .where(
          and(eq(milestones.engagementId, engagementId), gt(milestones.dueDate, values.endDate)),
        )
        .orderBy(desc(milestones.dueDate), asc(milestones.title));
      const [last] = late;
      if (last) {
        const more = late.length > 1 ? ` and ${late.length - 1} more` : '';
        errors.add(
          'body.endDate',
          `is before the due date of milestone "${last.title}" (due ${last.dueDate})${more}; move the milestone first, or end the engagement on ${last.dueDate} or later`,
        );
      }
    }
    errors.throwIfAny();
    const [updated] = await tx
      .update(engagements)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(engagements.id, engagementId))
      .returning();
    return updated!;
  });
  return presentEngagement(row);
}

export async function transitionEngagement(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  engagementId: string;
  to: EngagementStatus;
}) {
  const { ctx, actor, clientId, engagementId, to } = options;
  const row = await ctx.db.transaction(async (tx) => {
    const existing = await findEngagement(tx, clientId, engagementId);
    if (!existing) throw notFound('engagement');
    const allowed = engagementTransitions[existing.status];
    if (!allowed.includes(to)) {
      const next = allowed.length ? `it can move to: ${allowed.join(', ')}` : 'it is finished';
      const message = `this engagement is ${existing.status} and cannot move to ${to}; ${next}`;
      throw new AppError('conflict', message, [{ path: 'body.status', message }]);
    }
    const [updated] = await tx
      .update(engagements)
      .set({ status: to, updatedAt: new Date() })
      .where(and(eq(engagements.id, engagementId), eq(engagements.status, existing.status)))
      .returning();
    if (!updated) throw new AppError('conflict', 'the engagement changed meanwhile; reload it');
    await recordAudit(tx, {
      action: 'engagement.status_changed',
      actor,
      targetType: 'engagement',
      targetId: engagementId,
      clientId,
      details: { from: existing.status, to },
    });
    return updated;
  });
  return presentEngagement(row);
}
