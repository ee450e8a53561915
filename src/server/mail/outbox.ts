/**
 * @module The outbox: a message is first stored, then sent by the `mail.send` job, so a slow or
 * refusing mail server never blocks a request and no message is lost. Failed sends are retried
 * with backoff; the last error stays on the message, visible on the System page, and an owner
 * can send a failed message again.
 */
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { outbox } from '../db/schema.ts';
import { users } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { deliver, describeMailError } from './mailer.ts';

export interface NewMail {
  to: string[];
  subject: string;
  text: string;
  html?: string | undefined;
  /** What the message is, for lists and filters: `intake.lead`, `report.weekly`, `alert.incident`… */
  kind: string;
  clientId?: string | null | undefined;
}

/** Attempts before a message is marked failed (the first send and its retries). */
export const MAIL_ATTEMPTS = 6;

/**
 * Stores the message and queues its delivery. Call it after the change it reports on has been
 * committed. If queueing the job fails, the row stays `queued` and `mail.sweep` queues it again.
 */
export async function enqueueMail(ctx: AppContext, mail: NewMail): Promise<{ id: string }> {
  const { id } = await storeMail(ctx.db, mail);
  await queueDelivery(ctx, id);
  return { id };
}

/**
 * Stores the message only, inside the caller's transaction, so that the message and the change
 * it belongs to are saved together. Call `queueDelivery` once the transaction has committed.
 */
export async function storeMail(db: Db, mail: NewMail): Promise<{ id: string }> {
  const to = [...new Set(mail.to.map((a) => a.trim()).filter(Boolean))];
  if (to.length === 0) throw new Error(`mail "${mail.kind}" has no recipient`);
  const [row] = await db
    .insert(outbox)
    .values({
      kind: mail.kind,
      clientId: mail.clientId ?? null,
      to,
      subject: mail.subject.replace(/[\r\n]+/g, ' ').slice(0, 300),
      textBody: mail.text,
      htmlBody: mail.html ?? null,
    })
    .returning({ id: outbox.id });
  return { id: row!.id };
}

export async function queueDelivery(ctx: AppContext, outboxId: string): Promise<void> {
  try {
    await ctx.jobs.send('mail.send', { outboxId }, { singletonKey: outboxId });
  } catch (error) {
    ctx.logger.warn({ err: error, outboxId }, 'mail queued; the sweep will send it');
  }
}

/** Addresses of every active owner: where practice-wide notices go. */
export async function ownerEmails(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'owner'), isNull(users.disabledAt)));
  return rows.map((r) => r.email);
}

/** Sends one stored message; throws (so the job is retried) while attempts remain. */
export async function sendStored(ctx: AppContext, outboxId: string): Promise<{ status: string }> {
  const [message] = await ctx.db.select().from(outbox).where(eq(outbox.id, outboxId));
  if (!message) return { status: 'gone' };
  if (message.status === 'sent' || message.status === 'failed') return { status: message.status };
  const attempts = message.attempts + 1;
  try {
    const messageId = await deliver(ctx.config, {
      to: message.to,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
    });
    await ctx.db
      .update(outbox)
      .set({
        status: 'sent',
        attempts,
        sentAt: new Date(),
        lastAttemptAt: new Date(),
        messageId,
        lastError: null,
      })
      .where(eq(outbox.id, outboxId));
    return { status: 'sent' };
  } catch (error) {
    const lastError = describeMailError(error);
    const status = attempts >= MAIL_ATTEMPTS ? 'failed' : 'retrying';
    await ctx.db
      .update(outbox)
      .set({ status, attempts, lastError, lastAttemptAt: new Date() })
      .where(eq(outbox.id, outboxId));
    ctx.logger.warn({ outboxId, kind: message.kind, attempts, error: lastError }, 'mail not sent');
    if (status === 'failed') return { status, error: lastError } as { status: string };
    throw new Error(lastError);
  }
}

/** Queues again messages whose job was lost (still queued or retrying after ten minutes). */
export async function sweepOutbox(ctx: AppContext): Promise<number> {
  const stale = await ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ['queued', 'retrying']),
        or(
          and(
            isNull(outbox.lastAttemptAt),
            lt(outbox.createdAt, sql`now() - interval '10 minutes'`),
          ),
          lt(outbox.lastAttemptAt, sql`now() - interval '60 minutes'`),
        ),
      ),
    )
    .limit(500);
  for (const { id } of stale)
    await ctx.jobs.send('mail.send', { outboxId: id }, { singletonKey: id });
  return stale.length;
}

export async function listOutbox(ctx: AppContext, limit: number) {
  return ctx.db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      clientId: outbox.clientId,
      to: outbox.to,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** An owner sends a failed message again (after fixing the mail settings, say). */
export async function retryMessage(ctx: AppContext, outboxId: string): Promise<void> {
  const [row] = await ctx.db
    .update(outbox)
    .set({ status: 'queued', attempts: 0 })
    .where(and(eq(outbox.id, outboxId), inArray(outbox.status, ['failed', 'retrying'])))
    .returning({ id: outbox.id });
  if (!row) {
    const [exists] = await ctx.db
      .select({ status: outbox.status })
      .from(outbox)
      .where(eq(outbox.id, outboxId));
    if (!exists) throw new AppError('not_found', 'no such message');
    throw new AppError(
      'conflict',
      `this message is ${exists.status}; only failed or retrying messages can be sent again`,
    );
  }
  await ctx.jobs.send('mail.send', { outboxId }, { singletonKey: `${outboxId}:${Date.now()}` });
}
