/**
 * @module Weekly report delivery: each client's schedule (weekday, hour, time zone, recipients),
 * sending now or on schedule, and the history of what was sent with its delivery state. A report
 * is stored together with its outbox message in one transaction, and the schedule sends at most
 * one per client and week even with several workers (a unique index decides). A send early in
 * the week reports the week that just ended (`scheduledWeek`).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type {
  ReportSchedule,
  ReportScheduleInput,
  SentReport,
  WeeklyReport,
} from '../../shared/reports.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { clientAccess, outbox, reportSchedules, users, weeklyReports } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { queueDelivery, storeMail } from '../mail/outbox.ts';
import { reportEmailHtml, reportMarkdown } from './render.ts';
import { buildWeeklyReport } from './weekly-report.ts';
import { isTimeZone, lastSendTime, scheduledWeek } from './week.ts';

export function publicBaseUrl(ctx: AppContext): string {
  return (
    ctx.config.publicUrl ??
    `http://${ctx.config.host === '0.0.0.0' ? '127.0.0.1' : ctx.config.host}:${ctx.config.port}`
  );
}

/** The founders of a client: the default recipients. */
async function founderEmails(ctx: AppContext, clientId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ email: users.email })
    .from(users)
    .innerJoin(clientAccess, eq(clientAccess.userId, users.id))
    .where(and(eq(clientAccess.clientId, clientId), eq(users.role, 'founder')));
  return rows.map((r) => r.email);
}

/**
 * The client's report time zone (UTC without a schedule): "today" for a client, such as the
 * date "Mark done" stamps, is today there, so it agrees with the weeks of its report.
 */
export async function reportTimeZone(db: Db, clientId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: reportSchedules.timeZone })
    .from(reportSchedules)
    .where(eq(reportSchedules.clientId, clientId));
  return row?.timeZone ?? 'UTC';
}

export async function getSchedule(ctx: AppContext, clientId: string): Promise<ReportSchedule> {
  const [row] = await ctx.db
    .select()
    .from(reportSchedules)
    .where(eq(reportSchedules.clientId, clientId));
  if (!row) {
    return {
      enabled: false,
      weekday: 5,
      hour: 16,
      timeZone: 'UTC',
      recipients: await founderEmails(ctx, clientId),
      lastSentWeek: null,
    };
  }
  return {
    enabled: row.enabled,
    weekday: row.weekday,
    hour: row.hour,
    timeZone: row.timeZone,
    recipients: row.recipients,
    lastSentWeek: row.lastSentWeek,
  };
}

/**
 * Saves a client's schedule. Turning it on, or moving its day, hour or time zone, starts the
 * count of send times afresh at `now`: a send time already past is not sent at once, it waits
 * for the next one. Other edits (recipients) keep the count, so a send that is due still goes.
 */
export async function saveSchedule(
  ctx: AppContext,
  options: { clientId: string; input: ReportScheduleInput; now?: Date | undefined },
): Promise<ReportSchedule> {
  const { clientId, input } = options;
  const now = options.now ?? new Date();
  if (!isTimeZone(input.timeZone)) {
    throw new AppError('validation_failed', 'unknown time zone', [
      {
        path: 'body.timeZone',
        message: `"${input.timeZone}" is not a time zone; use a name such as Europe/Paris or UTC`,
      },
    ]);
  }
  if (input.enabled && input.recipients.length === 0) {
    throw new AppError('validation_failed', 'a scheduled report needs someone to send it to', [
      {
        path: 'body.recipients',
        message: 'add at least one email address, or turn the schedule off',
      },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(reportSchedules)
      .where(eq(reportSchedules.clientId, clientId))
      .for('update');
    const isRestarted =
      !existing ||
      (input.enabled && !existing.enabled) ||
      input.weekday !== existing.weekday ||
      input.hour !== existing.hour ||
      input.timeZone !== existing.timeZone;
    const values = {
      ...input,
      recipients: [...new Set(input.recipients.map((r) => r.toLowerCase()))],
      updatedAt: now,
      ...(isRestarted ? { sendsFrom: now } : {}),
    };
    await tx
      .insert(reportSchedules)
      .values({ clientId, ...values })
      .onConflictDoUpdate({ target: reportSchedules.clientId, set: values });
  });
  return getSchedule(ctx, clientId);
}

async function storeAndQueue(
  ctx: AppContext,
  options: {
    report: WeeklyReport;
    recipients: string[];
    trigger: 'schedule' | 'manual';
    sentBy?: string | undefined;
  },
): Promise<{ id: string } | null> {
  const { report, recipients } = options;
  const base = publicBaseUrl(ctx);
  const markdown = reportMarkdown(report, base);
  const stored = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(weeklyReports)
      .values({
        clientId: report.client.id,
        weekStart: report.week.start,
        timeZone: report.week.timeZone,
        trigger: options.trigger,
        status: report.status,
        headline: report.headline,
        content: report,
        markdown,
        recipients,
        sentBy: options.sentBy ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: weeklyReports.id });
    if (!row) return null; // another worker sent this week's scheduled report
    const mail = await storeMail(tx, {
      kind: 'report.weekly',
      clientId: report.client.id,
      to: recipients,
      subject: `${report.client.name}: weekly report, ${report.week.label} (${report.status})`,
      text: markdown,
      html: reportEmailHtml(report, base),
    });
    await tx.update(weeklyReports).set({ outboxId: mail.id }).where(eq(weeklyReports.id, row.id));
    if (options.trigger === 'schedule') {
      await tx
        .update(reportSchedules)
        .set({ lastSentWeek: report.week.start })
        .where(eq(reportSchedules.clientId, report.client.id));
    }
    return { id: row.id, outboxId: mail.id };
  });
  if (!stored) return null;
  await queueDelivery(ctx, stored.outboxId);
  return { id: stored.id };
}

/** Sends this week's report now, to the schedule's recipients (or the ones given). */
export async function sendReportNow(
  ctx: AppContext,
  options: { clientId: string; recipients?: string[] | undefined; sentBy: string },
): Promise<{ id: string }> {
  const schedule = await getSchedule(ctx, options.clientId);
  const recipients = options.recipients?.length ? options.recipients : schedule.recipients;
  if (recipients.length === 0) {
    throw new AppError('validation_failed', 'nobody to send the report to', [
      {
        path: 'body.recipients',
        message: 'give at least one email address, or add recipients to the schedule',
      },
    ]);
  }
  const report = await buildWeeklyReport(ctx, {
    clientId: options.clientId,
    timeZone: schedule.timeZone,
  });
  const sent = await storeAndQueue(ctx, {
    report,
    recipients,
    trigger: 'manual',
    sentBy: options.sentBy,
  });
  return sent!;
}

/**
 * Sends every scheduled report that is due at `at`. A schedule is due from its latest send time
 * (its weekday and hour in its time zone) until the next one, so a send missed while no worker
 * ran goes out late rather than never; send times before the schedule was saved do not count.
 * The week reported follows `scheduledWeek`; each week goes once (`lastSentWeek`, and the unique
 * index when two workers race).
 */
export async function dispatchDueReports(
  ctx: AppContext,
  at: Date = new Date(),
): Promise<{ sent: number; skipped: number }> {
  const schedules = await ctx.db
    .select()
    .from(reportSchedules)
    .where(eq(reportSchedules.enabled, true));
  let sent = 0;
  let skipped = 0;
  for (const schedule of schedules) {
    const sendTime = lastSendTime(at, schedule);
    if (sendTime < schedule.sendsFrom || schedule.recipients.length === 0) continue;
    const week = scheduledWeek({ clientId: schedule.clientId, schedule, sendTime });
    // ISO dates compare as strings: a week already sent, or one older than it, is not sent.
    if (schedule.lastSentWeek !== null && schedule.lastSentWeek >= week.key) continue;
    try {
      const report = await buildWeeklyReport(ctx, {
        clientId: schedule.clientId,
        timeZone: schedule.timeZone,
        weekOf: week.key,
      });
      const result = await storeAndQueue(ctx, {
        report,
        recipients: schedule.recipients,
        trigger: 'schedule',
      });
      if (result) sent += 1;
      else skipped += 1;
    } catch (error) {
      ctx.logger.error({ err: error, clientId: schedule.clientId }, 'weekly report not sent');
      skipped += 1;
    }
  }
  return { sent, skipped };
}

export async function listSentReports(ctx: AppContext, clientId: string): Promise<SentReport[]> {
  const rows = await ctx.db
    .select()
    .from(weeklyReports)
    .where(eq(weeklyReports.clientId, clientId))
    .orderBy(desc(weeklyReports.createdAt))
    .limit(100);
  const ids = rows.map((r) => r.outboxId).filter((id): id is string => Boolean(id));
  const deliveries = ids.length
    ? await ctx.db
        .select({
          id: outbox.id,
          status: outbox.status,
          lastError: outbox.lastError,
          attempts: outbox.attempts,
        })
        .from(outbox)
        .where(inArray(outbox.id, ids))
    : [];
  const byId = new Map(deliveries.map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = r.outboxId ? byId.get(r.outboxId) : undefined;
    return {
      id: r.id,
      weekStart: r.weekStart,
      trigger: r.trigger,
      status: r.status,
      headline: r.headline,
      recipients: r.recipients,
      createdAt: r.createdAt.toISOString(),
      delivery: d
        ? { status: d.status, lastError: d.lastError, attempts: d.attempts }
        : { status: 'unknown', lastError: null, attempts: 0 },
    };
  });
}

export async function findSentReport(ctx: AppContext, clientId: string, reportId: string) {
  const [row] = await ctx.db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.clientId, clientId), eq(weeklyReports.id, reportId)));
  if (!row) throw new AppError('not_found', 'no such report');
  return row;
}
