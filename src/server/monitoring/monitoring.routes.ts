/** @module HTTP routes for monitors, incidents, alert channels and heartbeat pings. */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { idParams, uuidSchema } from '../../shared/api.ts';
import {
  alertChannelInput,
  alertChannelPatch,
  alertChannelSchema,
  alertDeliverySchema,
  channelParams,
  incidentParams,
  incidentPatch,
  incidentSchema,
  latencyPointSchema,
  latencyWindows,
  monitorInput,
  monitorListQuery,
  monitorParams,
  monitorPatch,
  monitorSchema,
  resultSchema,
  uptimeSchema,
} from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { alertChannels, incidentEvents, incidents, monitors } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { ssrfPolicyFrom } from '../net/ssrf.ts';
import {
  createChannel,
  deleteChannel,
  listChannels,
  listDeliveries,
  sendTestAlert,
  updateChannel,
} from './channels.service.ts';
import { parsePingSuffix, recordPing } from './heartbeats.service.ts';
import {
  createMonitor,
  deleteMonitor,
  findMonitor,
  listMonitors,
  presentIncident,
  presentMonitor,
  recentResults,
  rotatePingToken,
  updateMonitor,
} from './monitors.service.ts';
import { uptimeWindows } from './rollups.ts';
import { latencySeries } from './series.ts';

/** What saving a monitor needs: the database, the key for secret headers, the SSRF policy. */
const monitorCtx = (ctx: AppContext) => ({
  db: ctx.db,
  secretBox: ctx.secretBox,
  policy: ssrfPolicyFrom(ctx.config),
});

const base = '/api/v1/clients/:clientId';
const pingResponse = z.object({ ok: z.boolean() });
/** Ping bodies are read up to this size and ignored; a larger one is answered 413. */
export const PING_BODY_MAX_BYTES = 100 * 1024;
const pingRoutes = ['/ping/:token', '/ping/:token/:suffix'].flatMap((path) =>
  (['GET', 'POST'] as const).map((method) =>
    defineRoute({
      method,
      path,
      access: 'public',
      tag: 'monitoring',
      summary: `Heartbeat ping (${path.endsWith(':suffix') ? 'start, fail or an exit code' : 'success'})`,
      params: z.object({
        token: z.string().min(1).max(200),
        suffix: z.string().max(10).optional(),
      }),
      response: pingResponse,
      // `curl -d`, a log excerpt, JSON: whatever a cron job sends is accepted and ignored.
      ignoreBody: { maxBytes: PING_BODY_MAX_BYTES },
      handler: async ({ ctx, params }) =>
        recordPing(ctx, params.token, parsePingSuffix(params.suffix)),
    }),
  ),
);

async function incidentWithEvents(
  ctx: Parameters<typeof findMonitor>[0],
  clientId: string,
  incidentId: string,
) {
  const [row] = await ctx.db
    .select({ incident: incidents, name: monitors.name })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(and(eq(incidents.id, incidentId), eq(incidents.clientId, clientId)));
  if (!row) throw notFound('incident');
  const events = await ctx.db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  return presentIncident(row.incident, row.name, events);
}

export const monitoringRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/monitors`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'Monitors of a client: down first, searchable, paginated, with a 24 h sparkline',
    params: idParams.client,
    query: monitorListQuery,
    response: z.object({ monitors: z.array(monitorSchema), total: z.number() }),
    handler: async ({ ctx, params, query }) => listMonitors(ctx, params.clientId, query),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/monitors`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Create a monitor (a heartbeat answers with its ping token, shown once)',
    params: idParams.client,
    body: monitorInput,
    response: monitorSchema.extend({ pingToken: z.string().optional() }),
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createMonitor({ ctx: monitorCtx(ctx), clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/monitors/:monitorId`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'One monitor with its uptime over 24 h, 7, 30, 90 and 365 days',
    params: monitorParams,
    response: monitorSchema.extend({ uptime: z.array(uptimeSchema) }),
    handler: async ({ ctx, params }) => {
      const row = await findMonitor(ctx, params.clientId, params.monitorId);
      return { ...presentMonitor(row), uptime: await uptimeWindows(ctx, row.id) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/monitors/:monitorId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Change a monitor',
    params: monitorParams,
    body: monitorPatch,
    response: monitorSchema,
    handler: async ({ ctx, params, body }) =>
      updateMonitor({
        ctx: monitorCtx(ctx),
        clientId: params.clientId,
        monitorId: params.monitorId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/monitors/:monitorId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Delete a monitor with its results and incidents',
    params: monitorParams,
    status: 204,
    handler: async ({ ctx, params }) => deleteMonitor(ctx, params.clientId, params.monitorId),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/monitors/:monitorId/results`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'The latest raw results of a monitor (kept 7 days by default)',
    params: monitorParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    response: z.object({ results: z.array(resultSchema) }),
    handler: async ({ ctx, params, query }) => {
      const row = await findMonitor(ctx, params.clientId, params.monitorId);
      return { results: await recentResults(ctx, row.id, query.limit) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/monitors/:monitorId/latency`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'Latency percentiles (p50, p95, p99) and uptime over time, from the rollups',
    params: monitorParams,
    query: z.strictObject({ window: z.enum(latencyWindows).default('24h') }),
    response: z.object({ window: z.enum(latencyWindows), points: z.array(latencyPointSchema) }),
    handler: async ({ ctx, params, query }) => {
      const row = await findMonitor(ctx, params.clientId, params.monitorId);
      return { window: query.window, points: await latencySeries(ctx, row.id, query.window) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/monitors/:monitorId/ping-token`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Replace a heartbeat’s secret ping URL (the old one stops working; shown once)',
    params: monitorParams,
    response: z.object({ pingToken: z.string() }),
    handler: async ({ ctx, params }) => rotatePingToken(ctx, params.clientId, params.monitorId),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/incidents`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'Incidents of a client, open ones first',
    params: idParams.client,
    query: z.strictObject({
      open: z.enum(['true', 'false']).optional(),
      monitorId: uuidSchema.optional(),
    }),
    response: z.object({ incidents: z.array(incidentSchema) }),
    handler: async ({ ctx, params, query }) => {
      const rows = await ctx.db
        .select({ incident: incidents, name: monitors.name })
        .from(incidents)
        .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
        .where(
          and(
            eq(incidents.clientId, params.clientId),
            query.open === 'true' ? isNull(incidents.resolvedAt) : undefined,
            query.monitorId ? eq(incidents.monitorId, query.monitorId) : undefined,
          ),
        )
        .orderBy(desc(incidents.openedAt))
        .limit(200);
      return { incidents: rows.map((r) => presentIncident(r.incident, r.name)) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/incidents/:incidentId`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'One incident with its timeline',
    params: incidentParams,
    response: incidentSchema,
    handler: async ({ ctx, params }) => incidentWithEvents(ctx, params.clientId, params.incidentId),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/incidents/:incidentId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Acknowledge an incident (stops reminders) or write its root cause',
    params: incidentParams,
    body: incidentPatch,
    response: incidentSchema,
    handler: async ({ ctx, params, body, principal }) => {
      const current = await incidentWithEvents(ctx, params.clientId, params.incidentId);
      await ctx.db.transaction(async (tx) => {
        if (body.acknowledged && !current.acknowledgedAt) {
          await tx
            .update(incidents)
            .set({ acknowledgedAt: new Date(), acknowledgedBy: principal.userId })
            .where(eq(incidents.id, params.incidentId));
          await tx.insert(incidentEvents).values({
            incidentId: params.incidentId,
            kind: 'acknowledged',
            message: `acknowledged by ${principal.name}`,
          });
        }
        if (body.rootCause !== undefined) {
          await tx
            .update(incidents)
            .set({ rootCause: body.rootCause })
            .where(eq(incidents.id, params.incidentId));
          await tx.insert(incidentEvents).values({
            incidentId: params.incidentId,
            kind: 'root-cause',
            message: `root cause noted by ${principal.name}`,
          });
        }
      });
      return incidentWithEvents(ctx, params.clientId, params.incidentId);
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/alert-channels`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'Where alerts for this client go',
    params: idParams.client,
    response: z.object({
      channels: z.array(alertChannelSchema),
      /** Minutes between reminders while an incident is open and unacknowledged; 0: none. */
      reminderEveryMinutes: z.number().int(),
    }),
    handler: async ({ ctx, params }) => ({
      channels: await listChannels(ctx, params.clientId),
      reminderEveryMinutes: ctx.config.alertReminderMinutes,
    }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/alert-channels`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Add an alert channel (a webhook answers with its signing secret, shown once)',
    params: idParams.client,
    body: alertChannelInput,
    response: alertChannelSchema,
    status: 201,
    handler: async ({ ctx, params, body }) => createChannel(ctx, params.clientId, body),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/alert-channels/:channelId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Rename an alert channel or turn this client’s alerts to it on or off',
    params: channelParams,
    body: alertChannelPatch,
    response: alertChannelSchema,
    handler: async ({ ctx, params, body }) =>
      updateChannel(ctx, params.clientId, params.channelId, body),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/alert-channels/:channelId/deliveries`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'The latest alerts sent through a channel, with their outcome',
    params: channelParams,
    response: z.object({ deliveries: z.array(alertDeliverySchema) }),
    handler: async ({ ctx, params }) => ({
      deliveries: await listDeliveries(ctx, params.clientId, params.channelId),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/alert-channels/:channelId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Remove an alert channel',
    params: channelParams,
    status: 204,
    handler: async ({ ctx, params }) => deleteChannel(ctx, params.clientId, params.channelId),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/alert-channels/:channelId/test`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Send a test alert through one channel',
    params: channelParams,
    response: z.object({ deliveryId: z.string() }),
    status: 202,
    handler: async ({ ctx, params }) => sendTestAlert(ctx, params.clientId, params.channelId),
  }),
  ...pingRoutes,
];

export { alertChannels };
