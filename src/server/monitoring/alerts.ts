/**
 * @module Alerts: stored as deliveries (one per channel) in the same transaction as the state
 * change, then sent by the `monitoring.alert` job (one job per delivery, claimed in batches and
 * sent concurrently, at most WEBHOOKS_PER_HOST POSTs at once per receiving host), each retried
 * with backoff by pg-boss. Webhooks are
 * JSON (or Slack's `{ text }`), signed with HMAC-SHA256 over `<timestamp>.<body>` with the
 * channel's secret, and their URL passes the SSRF policy at every send. Email is handed to the
 * mail server (`KEEL_SMTP_URL`) by the job itself, not through the outbox, so "sent" means the
 * server accepted it and a missing or refusing server fails and retries the delivery like a
 * webhook that does not answer.
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
  incidents,
} from '../db/schema.ts';
import { deliver, describeMailError } from '../mail/mailer.ts';
import { enqueueMail, ownerEmails } from '../mail/outbox.ts';
import { ssrfPolicyFrom } from '../net/ssrf.ts';
import { httpTarget } from '../../shared/monitoring.ts';
import { runHttpCheck } from './checks/http.ts';
import { openChannelSecrets, sealChannelSecrets } from './channel-secrets.ts';
import { muteForMaintenance } from './maintenance.service.ts';
import type { MonitorRow } from './record.ts';

export const ALERT_JOB = 'monitoring.alert';
export const SIGNATURE_HEADER = 'x-keel-signature';
/** The delivery's id, the same on every retry: receivers drop a delivery they have seen. */
export const DELIVERY_HEADER = 'x-keel-delivery';

export type AlertEvent = 'down' | 'up' | 'reminder' | 'test' | 'slo-burn' | 'slo-resolved';

/**
 * Tries per delivery: the first and 11 retries with pg-boss's exponential backoff from 5 s
 * (each wait 5·2ⁿ to 10·2ⁿ s), so a receiver that is down for 3 to 6 hours still gets its alert.
 * After the last one the delivery is failed, the incident's timeline says so, and the owners
 * get an email.
 */
export const ALERT_ATTEMPTS = 12;

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
      // The reminder's message starts "down for 2 hours: …".
      return `🔴 ${name} is still ${p.message}`;
    case 'test':
      return `Test alert from Keel: this channel works.`;
    case 'slo-burn':
      return `🔥 ${p.message}`;
    case 'slo-resolved':
      return `🟢 ${p.message}`;
  }
};

/**
 * Stores one delivery per enabled channel of the monitor's client; returns their ids. Nothing
 * while a maintenance window covers the monitor (see maintenance.service.ts).
 */
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
  if (await muteForMaintenance(db, input)) return [];
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

/** Queues one job per delivery, all in one insert (a burst of 200 alerts is one round trip). */
export async function queueAlerts(ctx: AppContext, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  try {
    await ctx.jobs.sendMany(
      ALERT_JOB,
      deliveryIds.map((deliveryId) => ({ deliveryId })),
    );
  } catch (error) {
    // The delivery rows stay queued; `monitoring.alert-sweep` queues them again.
    ctx.logger.warn({ err: error, count: deliveryIds.length }, 'could not queue alerts');
  }
}

/**
 * Queues again the deliveries whose job was lost: stored with the state change, but the process
 * died (or the queue was unreachable) before the job was sent. A delivery with a live job
 * (created, retry or active) is left alone, so the sweep never sends one twice.
 */
export async function sweepAlerts(ctx: AppContext, olderThanSeconds = 30): Promise<number> {
  // `<=`: PGlite's clock ticks in milliseconds, so a delivery stored in the sweep's own
  // millisecond is 0 s old and must count as "older than 0 s".
  const { rows } = await ctx.database.query<{ id: string }>(
    `select d.id from alert_deliveries d
      where d.state = 'queued' and d.created_at <= now() - make_interval(secs => $1)
        and not exists (
          select 1 from pgboss.job j
           where j.name = $2 and j.data->>'deliveryId' = d.id::text
             and j.state in ('created', 'retry', 'active'))
      order by d.created_at
      limit 500`,
    [olderThanSeconds, ALERT_JOB],
  );
  if (rows.length > 0)
    ctx.logger.warn({ count: rows.length }, 'alerts queued again after a lost job');
  await queueAlerts(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.length;
}

export function signBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Creates a webhook channel's credential: its signing secret and its URL sealed together in
 * `credentials` (see channel-secrets.ts); returns the plain signing secret once.
 */
export async function createChannelSecret(
  ctx: AppContext,
  db: Db,
  clientId: string,
  label: string,
  url: string,
): Promise<{ credentialId: string; secret: string }> {
  const secret = `whsec_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;
  const id = randomUUID();
  await db.insert(credentials).values({
    id,
    clientId,
    kind: 'webhook-signing-secret',
    label,
    ciphertext: sealChannelSecrets(ctx.secretBox, id, { url, signingSecret: secret }),
  });
  return { credentialId: id, secret };
}

/** Concurrent webhook POSTs per receiving host, per process: a burst never floods one receiver. */
export const WEBHOOKS_PER_HOST = 16;
const hostSlots = new Map<string, { active: number; waiting: (() => void)[] }>();

async function withHostSlot<T>(host: string, fn: () => Promise<T>): Promise<T> {
  let slot = hostSlots.get(host);
  if (!slot) hostSlots.set(host, (slot = { active: 0, waiting: [] }));
  if (slot.active >= WEBHOOKS_PER_HOST) await new Promise<void>((r) => slot.waiting.push(r));
  else slot.active++;
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter (active unchanged) or is freed.
    const next = slot.waiting.shift();
    if (next) next();
    else if (--slot.active === 0) hostSlots.delete(host);
  }
}

/**
 * Sends one delivery: one query for the delivery with its channel, client and signing secret,
 * the POST (or the mail outbox), one statement marking it sent with its incident event. Throws on
 * failure so the job is retried with backoff. Several run at once (the alert job's batches).
 */
export async function deliverAlert(
  ctx: AppContext,
  deliveryId: string,
): Promise<{ state: string }> {
  const [row] = await ctx.db
    .select({
      delivery: alertDeliveries,
      channel: alertChannels,
      clientName: clients.name,
      credential: { id: credentials.id, ciphertext: credentials.ciphertext },
      incidentResolvedAt: incidents.resolvedAt,
    })
    .from(alertDeliveries)
    .innerJoin(alertChannels, eq(alertChannels.id, alertDeliveries.channelId))
    .innerJoin(clients, eq(clients.id, alertChannels.clientId))
    .leftJoin(credentials, eq(credentials.id, alertChannels.secretCredentialId))
    .leftJoin(incidents, eq(incidents.id, alertDeliveries.incidentId))
    .where(eq(alertDeliveries.id, deliveryId));
  if (!row) return { state: 'missing' };
  const { delivery, channel, credential } = row;
  if (delivery.state === 'sent' || delivery.state === 'dropped') return { state: delivery.state };
  const payload = delivery.payload as AlertPayload;
  // A retry of a "down" or "still down" alert after the incident ended would tell the receiver
  // something false, after the "back up" alert: dropped, and the timeline says why.
  if (
    delivery.attempts > 0 &&
    delivery.incidentId &&
    row.incidentResolvedAt &&
    (payload.event === 'down' || payload.event === 'reminder')
  ) {
    await ctx.db
      .update(alertDeliveries)
      .set({
        state: 'dropped',
        lastError: 'not sent: the incident ended before the receiver answered',
      })
      .where(eq(alertDeliveries.id, deliveryId));
    await ctx.db.insert(incidentEvents).values({
      incidentId: delivery.incidentId,
      kind: 'alert-dropped',
      message: `${payload.event} alert to ${channel.kind} "${channel.name}" dropped: the incident ended before it could be delivered`,
    });
    return { state: 'dropped' };
  }
  // Without KEEL_PUBLIC_URL Keel does not know its own address: a bare path in an email or a
  // Slack message leads nowhere, so the link is left out (a JSON webhook still gets `href`).
  const link = ctx.config.publicUrl ? `${ctx.config.publicUrl}${payload.href}` : undefined;
  const details = link ? `Details: ${link}\n` : '';
  try {
    if (channel.kind === 'email') {
      const to = (channel.config.to as string[] | undefined) ?? [];
      await deliver(ctx.config, {
        to,
        subject: `[${row.clientName}] ${headline(payload)}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
        text: `${headline(payload)}\n\nWhen: ${payload.at}\n${details}`,
      }).catch((error: unknown) => {
        // One line without credentials, as the outbox stores it.
        throw new Error(`email: ${describeMailError(error)}`);
      });
    } else {
      const { url, signingSecret } = openChannelSecrets(ctx.secretBox, credential, channel.config);
      await postWebhook(ctx, channel, url, payload, link, deliveryId, signingSecret);
    }
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    const attempts = delivery.attempts + 1;
    const gaveUp = attempts >= ALERT_ATTEMPTS;
    await ctx.db
      .update(alertDeliveries)
      .set({ attempts, lastError: message, state: gaveUp ? 'failed' : 'queued' })
      .where(eq(alertDeliveries.id, deliveryId));
    if (delivery.incidentId && (delivery.attempts === 0 || gaveUp))
      await ctx.db.insert(incidentEvents).values({
        incidentId: delivery.incidentId,
        kind: 'alert-failed',
        message: gaveUp
          ? `${channel.kind} "${channel.name}" gave up after ${attempts} attempts since ${payload.at}: ${message}`
          : `${channel.kind} "${channel.name}" failed: ${message}; retrying`,
      });
    if (gaveUp) await tellOwnersAlertFailed(ctx, { channel, payload, attempts, message, details });
    throw error;
  }
  const sentAt = new Date();
  await ctx.database.query(
    `with sent as (
       update alert_deliveries
          set state = 'sent', attempts = attempts + 1, sent_at = $2, last_error = null,
              latency_ms = $3
        where id = $1
        returning incident_id)
     insert into incident_events (incident_id, at, kind, message)
     select incident_id, $2, 'alert-sent', $4 from sent where incident_id is not null`,
    [
      deliveryId,
      sentAt.toISOString(),
      sentAt.getTime() - Date.parse(payload.at),
      channel.kind === 'email'
        ? `${payload.event} alert handed to the mail server for email "${channel.name}"`
        : `${payload.event} alert sent by ${channel.kind} "${channel.name}"`,
    ],
  );
  return { state: 'sent' };
}

/** The owners learn that an alert never reached its channel: nobody else will. */
async function tellOwnersAlertFailed(
  ctx: AppContext,
  input: {
    channel: typeof alertChannels.$inferSelect;
    payload: AlertPayload;
    attempts: number;
    message: string;
    /** The "Details: <link>" line, or nothing without a public URL. */
    details: string;
  },
) {
  const to = await ownerEmails(ctx);
  if (to.length === 0) return;
  const { channel, payload } = input;
  await enqueueMail(ctx, {
    to,
    subject: `An alert could not be delivered to "${channel.name}"`,
    text:
      `Keel tried ${input.attempts} times to send this alert to the ${channel.kind} channel ` +
      `"${channel.name}" and gave up:\n\n${headline(payload)}\n\nWhen: ${payload.at}\n` +
      `Last error: ${input.message}\n${input.details}\n` +
      `Check the channel's address, then send a test alert from its page.\n`,
    kind: 'alert.undeliverable',
    clientId: channel.clientId,
  });
}

async function postWebhook(
  ctx: AppContext,
  channel: typeof alertChannels.$inferSelect,
  url: string,
  payload: AlertPayload,
  link: string | undefined,
  deliveryId: string,
  secret: string | undefined,
): Promise<void> {
  const body =
    channel.config.format === 'slack'
      ? JSON.stringify({
          text: link ? `${headline(payload)} <${link}|Open in Keel>` : headline(payload),
        })
      : JSON.stringify(link ? { ...payload, url: link } : payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const outcome = await withHostSlot(hostOf(url), () =>
    runHttpCheck(
      httpTarget.parse({
        kind: 'http',
        url,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [DELIVERY_HEADER]: deliveryId,
          ...(secret ? { [SIGNATURE_HEADER]: signBody(secret, timestamp, body) } : {}),
        },
        body,
        expectedStatus: ['200-299'],
        followRedirects: false,
      }),
      { policy: ssrfPolicyFrom(ctx.config), timeoutMs: 10_000, bodyCapBytes: 16 * 1024 },
    ),
  );
  if (outcome.status === 'down') throw new Error(`webhook: ${outcome.message}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
