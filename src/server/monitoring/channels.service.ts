/**
 * @module Alert channels: email addresses or a signed webhook, per client. A webhook's URL is
 * sealed with its signing secret (channel-secrets.ts); the API shows its mask.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AlertChannel,
  AlertDelivery,
  alertChannelInput,
  alertChannelPatch,
} from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { alertChannels, alertDeliveries, credentials } from '../db/schema.ts';
import { invalid, notFound } from '../http/app-error.ts';
import {
  checkUrlShape,
  defaultPort,
  resolveAllowed,
  ssrfPolicyFrom,
  SsrfError,
} from '../net/ssrf.ts';
import { createChannelSecret, queueAlerts, storeAlerts } from './alerts.ts';
import { maskWebhookUrl } from './channel-secrets.ts';

function present(row: typeof alertChannels.$inferSelect, secret?: string): AlertChannel {
  const config = row.config;
  return {
    id: row.id,
    clientId: row.clientId,
    kind: row.kind,
    name: row.name,
    ...(row.kind === 'email'
      ? { to: config.to as string[] }
      : {
          // Sealed rows hold the mask already; a row from before sealing is masked here too.
          url: config.urlSealed === true ? String(config.url) : maskWebhookUrl(String(config.url)),
          format: String(config.format),
        }),
    enabled: row.enabled,
    ...(secret ? { secret } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listChannels(ctx: AppContext, clientId: string) {
  const rows = await ctx.db
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.clientId, clientId))
    .orderBy(asc(alertChannels.createdAt));
  return rows.map((r) => present(r));
}

export async function createChannel(
  ctx: AppContext,
  clientId: string,
  input: z.output<typeof alertChannelInput>,
): Promise<AlertChannel> {
  if (input.kind === 'webhook') {
    // Refuse forbidden targets now, with the reason; the policy is applied again at every send.
    try {
      const url = checkUrlShape(input.url);
      await resolveAllowed(url.hostname, defaultPort(url), ssrfPolicyFrom(ctx.config));
    } catch (error) {
      if (error instanceof SsrfError && error.reason !== 'unresolvable')
        throw invalid('body.url', error.message);
      if (!(error instanceof SsrfError)) throw error;
    }
  }
  return ctx.db.transaction(async (tx) => {
    const secret =
      input.kind === 'webhook'
        ? await createChannelSecret(ctx, tx, clientId, `webhook ${input.name}`, input.url)
        : undefined;
    const [row] = await tx
      .insert(alertChannels)
      .values({
        clientId,
        kind: input.kind,
        name: input.name,
        enabled: input.enabled,
        config:
          input.kind === 'email'
            ? { to: input.to }
            : { url: maskWebhookUrl(input.url), urlSealed: true, format: input.format },
        secretCredentialId: secret?.credentialId ?? null,
      })
      .returning();
    return present(row!, secret?.secret);
  });
}

async function findChannel(ctx: AppContext, clientId: string, channelId: string) {
  const [row] = await ctx.db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.id, channelId), eq(alertChannels.clientId, clientId)));
  if (!row) throw notFound('alert channel');
  return row;
}

export async function deleteChannel(ctx: AppContext, clientId: string, channelId: string) {
  const row = await findChannel(ctx, clientId, channelId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(alertChannels).where(eq(alertChannels.id, channelId));
    if (row.secretCredentialId)
      await tx.delete(credentials).where(eq(credentials.id, row.secretCredentialId));
  });
}

export async function sendTestAlert(ctx: AppContext, clientId: string, channelId: string) {
  await findChannel(ctx, clientId, channelId);
  const [deliveryId] = await storeAlerts(ctx.db, {
    monitor: { id: channelId, name: 'Test', kind: 'http', clientId },
    incidentId: null,
    event: 'test',
    message: 'This is a test alert from Keel.',
    at: new Date(),
    channelIds: [channelId],
  });
  await queueAlerts(ctx, [deliveryId!]);
  return { deliveryId: deliveryId! };
}

/** Renames a channel or turns this client's alerts to it on or off. */
export async function updateChannel(
  ctx: AppContext,
  clientId: string,
  channelId: string,
  patch: z.output<typeof alertChannelPatch>,
): Promise<AlertChannel> {
  await findChannel(ctx, clientId, channelId);
  const [row] = await ctx.db
    .update(alertChannels)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      updatedAt: new Date(),
    })
    .where(eq(alertChannels.id, channelId))
    .returning();
  return present(row!);
}

/** The latest deliveries through one channel (a test alert's outcome shows up here). */
export async function listDeliveries(
  ctx: AppContext,
  clientId: string,
  channelId: string,
): Promise<AlertDelivery[]> {
  await findChannel(ctx, clientId, channelId);
  const rows = await ctx.db
    .select()
    .from(alertDeliveries)
    .where(eq(alertDeliveries.channelId, channelId))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    latencyMs: r.latencyMs,
  }));
}
