/**
 * @module Alerts: stored as deliveries (one per channel) in the same transaction as the state
 * change, then sent by the `monitoring.alert` job, retried with backoff by pg-boss. Webhooks are
 * JSON (or Slack's `{ text }`), signed with HMAC-SHA256 over `<timestamp>.<body>` with the
 * channel's secret, and their URL passes the SSRF policy at every send. Email goes through the
 * outbox (`enqueueMail`).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import {
  alertChannels,
  alertDeliveries,
  clients,
  credentials,
  incidentEvents,
} from '../db/schema.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { ssrfPolicyFrom } from '../net/ssrf.ts';
import { httpTarget } from '../../shared/monitoring.ts';
import { runHttpCheck } from './checks/http.ts';
import type { MonitorRow } from './record.ts';

export const ALERT_JOB = 'monitoring.alert';
export const SIGNATURE_HEADER = 'x-keel-signature';

export type AlertEvent = 'down' | 'up' | 'reminder' | 'test';

export interface AlertPayload extends Record<string, unknown> {
  event: AlertEvent;
  at: string;
  message: string;
  monitor: { id: string; name: string; kind: string } | null;
  clientId: string;
  incidentId: string | null;
  /** Path of the evidence inside Keel. */
  href: string;
}

const headline = (p: AlertPayload) => {
  const name = p.monitor?.name ?? 'Keel';
  switch (p.event) {
    case 'down':
      return `🔴 ${name} is down: ${p.message}`;
    case 'up':
      return `🟢 ${name} is back up: ${p.message}`;
    case 'reminder':
      return `🔴 ${name} is still down: ${p.message}`;
    case 'test':
      return `Test alert from Keel: this channel works.`;
  }
};

/** Stores one delivery per enabled channel of the monitor's client; returns their ids. */
export async function storeAlerts(
  db: Db,
  input: {
    monitor: Pick<MonitorRow, 'id' | 'name' | 'kind' | 'clientId'>;
    incidentId: string | null;
    event: AlertEvent;
    message: string;
    at: Date;
    channelIds?: string[];
  },
): Promise<string[]> {
  const channels = await db
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(
      and(
        eq(alertChannels.clientId, input.monitor.clientId),
        input.channelIds
          ? inArray(alertChannels.id, input.channelIds)
          : eq(alertChannels.enabled, true),
      ),
    );
  if (channels.length === 0) return [];
  const payload: AlertPayload = {
    event: input.event,
    at: input.at.toISOString(),
    message: input.message,
    monitor:
      input.event === 'test'
        ? null
        : { id: input.monitor.id, name: input.monitor.name, kind: input.monitor.kind },
    clientId: input.monitor.clientId,
    incidentId: input.incidentId,
    href: input.incidentId
      ? `/clients/${input.monitor.clientId}/monitoring/incidents/${input.incidentId}`
      : `/clients/${input.monitor.clientId}/monitoring`,
  };
  const rows = await db
    .insert(alertDeliveries)
    .values(
      channels.map((c) => ({
        channelId: c.id,
        incidentId: input.incidentId,
        event: input.event,
        payload,
      })),
    )
    .returning({ id: alertDeliveries.id });
  return rows.map((r) => r.id);
}

export async function queueAlerts(ctx: AppContext, deliveryIds: string[]): Promise<void> {
  for (const deliveryId of deliveryIds) {
    try {
      await ctx.jobs.send(ALERT_JOB, { deliveryId });
    } catch (error) {
      // The delivery row stays queued; the sweep in the scheduler picks it up again.
      ctx.logger.warn({ err: error, deliveryId }, 'could not queue an alert');
    }
  }
}

export function signBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Creates the channel's signing secret, sealed in `credentials`; returns the plain secret once. */
export async function createChannelSecret(
  ctx: AppContext,
  db: Db,
  clientId: string,
  label: string,
): Promise<{ credentialId: string; secret: string }> {
  const secret = `whsec_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
  const id = randomUUID();
  await db.insert(credentials).values({
    id,
    clientId,
    kind: 'webhook-signing-secret',
    label,
    ciphertext: ctx.secretBox.seal(secret, id),
  });
  return { credentialId: id, secret };
}

/** Sends one delivery. Throws on failure so the job is retried with backoff. */
export async function deliverAlert(
  ctx: AppContext,
  deliveryId: string,
): Promise<{ state: string }> {
  const [delivery] = await ctx.db
    .select()
    .from(alertDeliveries)
    .where(eq(alertDeliveries.id, deliveryId));
  if (!delivery || delivery.state === 'sent') return { state: delivery?.state ?? 'missing' };
  const [channel] = await ctx.db
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.id, delivery.channelId));
  if (!channel) return { state: 'missing' };
  const payload = delivery.payload as AlertPayload;
  const link = ctx.config.publicUrl ? `${ctx.config.publicUrl}${payload.href}` : payload.href;
  try {
    if (channel.kind === 'email') {
      const [client] = await ctx.db
        .select({ name: clients.name })
        .from(clients)
        .where(eq(clients.id, channel.clientId));
      const to = (channel.config.to as string[] | undefined) ?? [];
      await enqueueMail(ctx, {
        to,
        subject: `[${client?.name ?? 'Keel'}] ${headline(payload)}`.slice(0, 200),
        text: `${headline(payload)}\n\nWhen: ${payload.at}\nDetails: ${link}\n`,
        kind: `alert.${payload.event}`,
        clientId: channel.clientId,
      });
    } else {
      await postWebhook(ctx, channel, payload, link);
    }
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    await ctx.db
      .update(alertDeliveries)
      .set({
        attempts: delivery.attempts + 1,
        lastError: message,
        state: delivery.attempts + 1 >= 6 ? 'failed' : 'queued',
      })
      .where(eq(alertDeliveries.id, deliveryId));
    if (delivery.incidentId && delivery.attempts === 0)
      await ctx.db.insert(incidentEvents).values({
        incidentId: delivery.incidentId,
        kind: 'alert-failed',
        message: `${channel.kind} "${channel.name}" failed: ${message}; retrying`,
      });
    throw error;
  }
  const sentAt = new Date();
  await ctx.db
    .update(alertDeliveries)
    .set({
      state: 'sent',
      attempts: delivery.attempts + 1,
      sentAt,
      lastError: null,
      latencyMs: sentAt.getTime() - Date.parse(payload.at),
    })
    .where(eq(alertDeliveries.id, deliveryId));
  if (delivery.incidentId)
    await ctx.db.insert(incidentEvents).values({
      incidentId: delivery.incidentId,
      at: sentAt,
      kind: 'alert-sent',
      message: `${payload.event} alert sent by ${channel.kind} "${channel.name}"`,
    });
  return { state: 'sent' };
}

async function postWebhook(
  ctx: AppContext,
  channel: typeof alertChannels.$inferSelect,
  payload: AlertPayload,
  link: string,
): Promise<void> {
  const url = String(channel.config.url);
  const body =
    channel.config.format === 'slack'
      ? JSON.stringify({ text: `${headline(payload)} <${link}|Open in Keel>` })
      : JSON.stringify({ ...payload, url: link });
  let secret: string | undefined;
  if (channel.secretCredentialId) {
    const [credential] = await ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, channel.secretCredentialId));
    if (credential) secret = ctx.secretBox.open(credential.ciphertext, credential.id);
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const outcome = await runHttpCheck(
    httpTarget.parse({
      kind: 'http',
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { [SIGNATURE_HEADER]: signBody(secret, timestamp, body) } : {}),
      },
      body,
      expectedStatus: ['200-299'],
      followRedirects: false,
    }),
    { policy: ssrfPolicyFrom(ctx.config), timeoutMs: 10_000, bodyCapBytes: 16 * 1024 },
  );
  if (outcome.status === 'down') throw new Error(`webhook: ${outcome.message}`);
}
