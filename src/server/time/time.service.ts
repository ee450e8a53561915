/**
 * @module The time log: entries per client (and engagement), the retainer's usage this month
 * against its hours budget (warning at 80 %, over at 100 %), and the monthly summary.
 */
import { and, asc, eq, gte, inArray, lt, ne, or, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { monthName, monthRange, todayUtc } from '../../shared/dates.ts';
import {
  usageLevel,
  type TimeEntry,
  type TimeList,
  type Usage,
  type timeEntryInput,
  type timeEntryPatch,
} from '../../shared/time.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { engagements, timeEntries, users } from '../db/schema.ts';
import { forbidden, notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';

/** The time log is the practice's own business: founders see usage, not the entries. */
export function assertStaff(principal: Principal): void {
  if (principal.role === 'founder')
    throw forbidden('the time log is kept by the CTO and engineers; founders see the usage only');
}

/**
 * Staff may log their own time; only an owner changes someone else's entry (or one whose author
 * was removed), so a member cannot rewrite a colleague's hours.
 */
function assertMayChange(actor: Principal, entry: { userId: string | null }): void {
  if (actor.role === 'owner' || (entry.userId !== null && entry.userId === actor.userId)) return;
  throw forbidden('you can change only your own time entries; ask an owner');
}

export const currentMonth = (): string => todayUtc().slice(0, 7);

const toHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

type EntryRow = typeof timeEntries.$inferSelect & { userName: string | null };

function presentEntry(row: EntryRow): TimeEntry {
  return {
    id: row.id,
    clientId: row.clientId,
    engagementId: row.engagementId,
    userId: row.userId,
    userName: row.userName,
    date: row.date,
    hours: toHours(row.minutes),
    note: row.note,
    billable: row.billable,
    createdAt: row.createdAt.toISOString(),
  };
}

async function findEntries(db: Db, clientId: string, month: string): Promise<EntryRow[]> {
  const { from, to } = monthRange(month);
  const rows = await db
    .select({ entry: timeEntries, userName: users.name })
    .from(timeEntries)
    .leftJoin(users, eq(users.id, timeEntries.userId))
    .where(
      and(
        eq(timeEntries.clientId, clientId),
        gte(timeEntries.date, from),
        lt(timeEntries.date, to),
      ),
    )
    .orderBy(asc(timeEntries.date), asc(timeEntries.createdAt));
  return rows.map((r) => ({ ...r.entry, userName: r.userName }));
}

/** Usage of every retainer of these clients that runs during the month (active or paused). */
export async function retainerUsage(
  db: Db,
  clientIds: string[],
  month: string,
): Promise<(Usage & { clientId: string })[]> {
  if (clientIds.length === 0) return [];
  const { from, to } = monthRange(month);
  const rows = await db
    .select({
      engagement: engagements,
      minutes: sql<string>`coalesce(sum(${timeEntries.minutes}), 0)`,
      billable: sql<string>`coalesce(sum(${timeEntries.minutes}) filter (where ${timeEntries.billable}), 0)`,
    })
    .from(engagements)
    .leftJoin(
      timeEntries,
      and(
        eq(timeEntries.engagementId, engagements.id),
        gte(timeEntries.date, from),
        lt(timeEntries.date, to),
      ),
    )
    .where(
      and(
        inArray(engagements.clientId, clientIds),
        eq(engagements.kind, 'retainer'),
        inArray(engagements.status, ['active', 'paused']),
        lt(engagements.startDate, to),
        or(isNull(engagements.endDate), gte(engagements.endDate, from)),
      ),
    )
    .groupBy(engagements.id)
    .orderBy(asc(engagements.startDate));
  return rows.map(({ engagement, minutes, billable }) => {
    const budget = engagement.hoursPerMonth ?? 0;
    const used = toHours(Number(minutes));
    const percent = budget > 0 ? Math.round((used / budget) * 100) : 0;
    const level = usageLevel(used, budget);
    const tail =
      level === 'over'
        ? ': the budget is used up'
        : level === 'warning'
          ? ': close to the budget'
          : '';
    return {
      clientId: engagement.clientId,
      month,
      engagementId: engagement.id,
      title: engagement.title,
      budgetHours: budget,
      usedHours: used,
      billableHours: toHours(Number(billable)),
      percent,
      level,
      message: `${used} of ${budget} hours used in ${monthName(month)} (${percent} %)${tail}`,
    };
  });
}

export async function listTime(
  ctx: AppContext,
  clientId: string,
  month: string,
): Promise<TimeList> {
  const [rows, usage] = await Promise.all([
    findEntries(ctx.db, clientId, month),
    retainerUsage(ctx.db, [clientId], month),
  ]);
  const minutes = rows.reduce((s, r) => s + r.minutes, 0);
  const billable = rows.filter((r) => r.billable).reduce((s, r) => s + r.minutes, 0);
  return {
    month,
    entries: rows.map(presentEntry),
    totals: { hours: toHours(minutes), billableHours: toHours(billable) },
    usage: usage.map(({ clientId: _c, ...u }) => u),
  };
}

interface EntryValues {
  date: string;
  minutes: number;
  note: string;
  billable: boolean;
  engagementId: string | null;
}

async function checkEntry(
  tx: Db,
  options: { clientId: string; userId: string; values: EntryValues; selfId: string | null },
): Promise<void> {
  const { clientId, userId, values, selfId } = options;
  const errors = new FieldErrors();
  if (values.engagementId !== null) {
    const [e] = await tx
      .select()
      .from(engagements)
      .where(and(eq(engagements.clientId, clientId), eq(engagements.id, values.engagementId)));
    if (!e) errors.add('body.engagementId', `no engagement ${values.engagementId} for this client`);
    else if (values.date < e.startDate)
      errors.add('body.date', `is before the engagement starts (${e.startDate})`);
    else if (e.endDate !== null && values.date > e.endDate)
      errors.add('body.date', `is after the engagement ended (${e.endDate})`);
  }
  const [day] = await tx
    .select({ minutes: sql<string>`coalesce(sum(${timeEntries.minutes}), 0)` })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.userId, userId),
        eq(timeEntries.date, values.date),
        selfId ? ne(timeEntries.id, selfId) : undefined,
      ),
    );
  const already = Number(day?.minutes ?? 0);
  if (already + values.minutes > 24 * 60)
    errors.add(
      'body.hours',
      `you already logged ${toHours(already)} hours on ${values.date}; a day has 24`,
    );
  errors.throwIfAny();
}

/** The client's one active engagement running on this date, if there is exactly one. */
async function defaultEngagement(tx: Db, clientId: string, date: string): Promise<string | null> {
  const rows = await tx
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(
        eq(engagements.clientId, clientId),
        eq(engagements.status, 'active'),
        sql`${engagements.startDate} <= ${date}`,
        or(isNull(engagements.endDate), sql`${engagements.endDate} >= ${date}`),
      ),
    );
  return rows.length === 1 ? rows[0]!.id : null;
}

export async function createEntry(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof timeEntryInput>;
}) {
  const { ctx, actor, clientId, input } = options;
  const row = await ctx.db.transaction(async (tx) => {
    const engagementId =
      input.engagementId === undefined
        ? await defaultEngagement(tx, clientId, input.date)
        : input.engagementId;
    const values: EntryValues = {
      date: input.date,
      minutes: Math.round(input.hours * 60),
      note: input.note,
      billable: input.billable,
      engagementId,
    };
    await checkEntry(tx, { clientId, userId: actor.userId, values, selfId: null });
    const [inserted] = await tx
      .insert(timeEntries)
      .values({ clientId, userId: actor.userId, ...values })
      .returning();
    return inserted!;
  });
  return presentEntry({ ...row, userName: actor.name });
}

export async function updateEntry(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  entryId: string;
  patch: z.output<typeof timeEntryPatch>;
}) {
  const { ctx, actor, clientId, entryId, patch } = options;
  const row = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.clientId, clientId), eq(timeEntries.id, entryId)))
      .for('update');
    if (!existing) throw notFound('time entry');
    assertMayChange(actor, existing);
    const values: EntryValues = {
      date: patch.date ?? existing.date,
      minutes: patch.hours !== undefined ? Math.round(patch.hours * 60) : existing.minutes,
      note: patch.note ?? existing.note,
      billable: patch.billable ?? existing.billable,
      engagementId: patch.engagementId !== undefined ? patch.engagementId : existing.engagementId,
    };
    await checkEntry(tx, {
      clientId,
      userId: existing.userId ?? '00000000-0000-0000-0000-000000000000',
      values,
      selfId: entryId,
    });
    const [updated] = await tx
      .update(timeEntries)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(timeEntries.id, entryId))
      .returning();
    return updated!;
  });
  const [user] = row.userId
    ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, row.userId))
    : [];
  return presentEntry({ ...row, userName: user?.name ?? null });
}

export async function deleteEntry(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  entryId: string;
}) {
  const { ctx, actor, clientId, entryId } = options;
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: timeEntries.userId })
      .from(timeEntries)
      .where(and(eq(timeEntries.clientId, clientId), eq(timeEntries.id, entryId)))
      .for('update');
    if (!existing) throw notFound('time entry');
    assertMayChange(actor, existing);
    await tx.delete(timeEntries).where(eq(timeEntries.id, entryId));
  });
}
