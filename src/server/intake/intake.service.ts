/**
 * @module Intake and leads. The public form creates a lead (or, for a bot that filled the
 * honeypot, nothing — with the same answer); submissions are limited per address, counted in
 * the database so the limit holds across processes; the owners get an email. The owner converts
 * a lead into a client (stage, stack and blocker carried over) or declines it with a reason.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { intakeRequest, Lead } from '../../shared/intake.ts';
import { splitStack } from '../../shared/intake.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { presentClient } from '../clients/clients.repo.ts';
import type { AppContext } from '../context.ts';
import { clients, leads } from '../db/schema.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { enqueueMail, ownerEmails } from '../mail/outbox.ts';
import { leadMail } from './lead-mail.ts';

type LeadRow = typeof leads.$inferSelect;

export function presentLead(row: LeadRow): Lead {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    company: row.company,
    stage: row.stage,
    stack: row.stack,
    blocker: row.blocker,
    budget: row.budget,
    timeline: row.timeline,
    status: row.status,
    clientId: row.clientId,
    declineReason: row.declineReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const INTAKE_ANSWER = {
  status: 'received' as const,
  message: 'Thank you. We read every message and answer within two working days.',
};

export async function submitIntake(options: {
  ctx: AppContext;
  request: FastifyRequest;
  input: z.output<typeof intakeRequest>;
}): Promise<typeof INTAKE_ANSWER> {
  const { ctx, request, input } = options;
  const ip = request.ip;
  const [recent] = await ctx.db
    .select({ count: sql<string>`count(*)` })
    .from(leads)
    .where(and(eq(leads.ip, ip), gt(leads.createdAt, sql`now() - interval '1 hour'`)));
  if (Number(recent?.count ?? 0) >= ctx.config.intakeMaxPerHour) {
    throw new AppError(
      'rate_limited',
      'too many messages from your address; try again in an hour, or write to us by email',
      [],
      { 'retry-after': '3600' },
    );
  }
  if (input.website) {
    ctx.logger.info({ ip }, 'intake: honeypot filled; nothing stored');
    return INTAKE_ANSWER;
  }
  const { website: _honeypot, stack, ...fields } = input;
  const [row] = await ctx.db
    .insert(leads)
    .values({ ...fields, stack: splitStack(stack), ip })
    .returning();
  const lead = presentLead(row!);
  try {
    const to = await ownerEmails(ctx);
    if (to.length > 0)
      await enqueueMail(ctx, { to, kind: 'intake.lead', ...leadMail(lead, ctx.config.publicUrl) });
  } catch (error) {
    // The lead is stored and shows on the Leads page; a mail problem must not lose it.
    ctx.logger.warn({ err: error, leadId: lead.id }, 'intake: lead stored, email not queued');
  }
  return INTAKE_ANSWER;
}

export async function listLeads(ctx: AppContext, status: 'new' | 'converted' | 'declined' | 'all') {
  const rows = await ctx.db
    .select()
    .from(leads)
    .where(status === 'all' ? undefined : eq(leads.status, status))
    .orderBy(desc(leads.createdAt))
    .limit(500);
  return rows.map(presentLead);
}

async function decidable(tx: AppContext['db'], leadId: string): Promise<LeadRow> {
  const [row] = await tx.select().from(leads).where(eq(leads.id, leadId)).for('update');
  if (!row) throw notFound('lead');
  if (row.status !== 'new')
    throw new AppError('conflict', `this lead was already ${row.status}`, [
      { path: 'params.leadId', message: `already ${row.status}` },
    ]);
  return row;
}

export async function convertLead(options: {
  ctx: AppContext;
  actor: Principal;
  leadId: string;
  name?: string | undefined;
}) {
  const { ctx, actor, leadId } = options;
  return ctx.db.transaction(async (tx) => {
    const lead = await decidable(tx, leadId);
    const [client] = await tx
      .insert(clients)
      .values({
        name: (options.name ?? lead.company).slice(0, 120),
        stage: lead.stage,
        stack: lead.stack,
        blocker: lead.blocker,
        notes: [
          `From the intake form on ${lead.createdAt.toISOString().slice(0, 10)}.`,
          lead.budget ? `Budget: ${lead.budget}` : '',
          lead.timeline ? `Timeline: ${lead.timeline}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        contacts: [{ name: lead.name, email: lead.email }],
      })
      .returning();
    const [updated] = await tx
      .update(leads)
      .set({
        status: 'converted',
        clientId: client!.id,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(leads.id, leadId))
      .returning();
    await recordAudit(tx, {
      action: 'lead.converted',
      actor,
      targetType: 'lead',
      targetId: leadId,
      clientId: client!.id,
    });
    return { lead: presentLead(updated!), client: presentClient(client!) };
  });
}

export async function declineLead(options: {
  ctx: AppContext;
  actor: Principal;
  leadId: string;
  reason: string;
}) {
  const { ctx, actor, leadId, reason } = options;
  return ctx.db.transaction(async (tx) => {
    await decidable(tx, leadId);
    const [updated] = await tx
      .update(leads)
      .set({
        status: 'declined',
        declineReason: reason,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(leads.id, leadId))
      .returning();
    await recordAudit(tx, { action: 'lead.declined', actor, targetType: 'lead', targetId: leadId });
    return presentLead(updated!);
  });
}
