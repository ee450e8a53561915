/**
 * @module Monitors: create, change, list (paginated, filtered, searchable), present. Validation
 * beyond the schema (a cron expression that parses, a time zone that exists) names the field.
 */
import { and, asc, count, desc, eq, gte, ilike, sql, type SQL } from 'drizzle-orm';
import { RE2JS } from 're2js';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { incidentEvents, incidents } from '../db/schema.ts';
import { monitorResults, monitors } from '../db/schema.ts';
import { invalid, notFound } from '../http/app-error.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import {
  monitorInput,
  monitorTarget,
  type Incident,
  type Monitor,
  type MonitorTarget,
  type monitorListQuery,
  type monitorPatch,
} from '../../shared/monitoring.ts';
import { firstRunAt, heartbeatDeadline, parseCron } from './schedule.ts';

type MonitorRow = typeof monitors.$inferSelect;

function checkTarget(target: MonitorTarget, field = 'body.target') {
  if (target.kind === 'heartbeat' && target.schedule.type === 'cron') {
    try {
      Intl.DateTimeFormat('en', { timeZone: target.schedule.timezone });
    } catch {
      throw invalid(`${field}.schedule.timezone`, 'must be an IANA time zone such as Europe/Paris');
    }
    try {
      parseCron(target.schedule.cron, target.schedule.timezone).next();
    } catch {
      throw invalid(`${field}.schedule.cron`, 'must be a cron expression such as "0 3 * * *"');
    }
  }
  if (target.kind === 'http' && target.bodyRegex) {
    try {
      RE2JS.compile(target.bodyRegex);
    } catch {
      throw invalid(
        `${field}.bodyRegex`,
        'must be an RE2 regular expression (no backreferences or lookaround)',
      );
    }
  }
}

export function presentMonitor(row: MonitorRow, sparkline?: (number | null)[]): Monitor {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    kind: row.kind,
    target: row.target,
    intervalSeconds: row.intervalSeconds,
    expertInterval: row.expertInterval,
    timeoutSeconds: row.timeoutSeconds,
    retries: row.retries,
    recoveries: row.recoveries,
    enabled: row.enabled,
    isPublic: row.isPublic,
    status: row.enabled ? row.status : 'paused',
    isFlapping: row.isFlapping,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastLatencyMs: row.lastLatencyMs,
    lastMessage: row.lastMessage,
    lastFault: row.lastFault,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    lastPingAt: row.lastPingAt?.toISOString() ?? null,
    lastRunMs: row.lastRunMs,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    ...(sparkline ? { sparkline } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createMonitor(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof monitorInput>;
}): Promise<Monitor & { pingToken?: string }> {
  const { ctx, clientId, input } = options;
  checkTarget(input.target);
  const id = crypto.randomUUID();
  const now = new Date();
  const isHeartbeat = input.target.kind === 'heartbeat';
  const pingToken = isHeartbeat ? `hb_${randomToken(24)}` : undefined;
  const [row] = await ctx.db
    .insert(monitors)
    .values({
      id,
      clientId,
      name: input.name,
      kind: input.target.kind,
      target: input.target as Record<string, unknown>,
      intervalSeconds: input.intervalSeconds,
      expertInterval: input.expertInterval,
      timeoutSeconds: Math.min(input.timeoutSeconds, Math.max(1, input.intervalSeconds)),
      retries: input.retries,
      recoveries: input.recoveries,
      enabled: input.enabled,
      isPublic: input.isPublic,
      nextRunAt:
        input.target.kind === 'heartbeat'
          ? heartbeatDeadline(input.target, now)
          : firstRunAt(id, input.intervalSeconds, now),
      pingTokenHash: pingToken ? hashToken(pingToken) : null,
    })
    .returning();
  return { ...presentMonitor(row!), ...(pingToken ? { pingToken } : {}) };
}

export async function findMonitor(ctx: AppContext, clientId: string, monitorId: string) {
  const [row] = await ctx.db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.clientId, clientId)));
  if (!row) throw notFound('monitor');
  return row;
}

export async function updateMonitor(options: {
  ctx: AppContext;
  clientId: string;
  monitorId: string;
  patch: z.output<typeof monitorPatch>;
}): Promise<Monitor> {
  const { ctx, clientId, monitorId, patch } = options;
  const row = await findMonitor(ctx, clientId, monitorId);
  if (patch.target && patch.target.kind !== row.kind)
    throw invalid(
      'body.target.kind',
      `cannot change a ${row.kind} monitor into ${patch.target.kind}; create a new one`,
    );
  const merged = monitorInput.safeParse({
    name: patch.name ?? row.name,
    target: patch.target ?? row.target,
    intervalSeconds: patch.intervalSeconds ?? row.intervalSeconds,
    expertInterval: patch.expertInterval ?? row.expertInterval,
    timeoutSeconds: patch.timeoutSeconds ?? row.timeoutSeconds,
    retries: patch.retries ?? row.retries,
    recoveries: patch.recoveries ?? row.recoveries,
    enabled: patch.enabled ?? row.enabled,
    isPublic: patch.isPublic ?? row.isPublic,
  });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw invalid(`body.${issue.path.join('.')}`, issue.message);
  }
  const input = merged.data;
  checkTarget(input.target);
  const now = new Date();
  const rescheduled =
    patch.intervalSeconds !== undefined || patch.target !== undefined || patch.enabled === true;
  const [updated] = await ctx.db
    .update(monitors)
    .set({
      name: input.name,
      target: input.target,
      intervalSeconds: input.intervalSeconds,
      expertInterval: input.expertInterval,
      timeoutSeconds: Math.min(input.timeoutSeconds, Math.max(1, input.intervalSeconds)),
      retries: input.retries,
      recoveries: input.recoveries,
      enabled: input.enabled,
      isPublic: input.isPublic,
      updatedAt: now,
      ...(rescheduled
        ? {
            nextRunAt:
              input.target.kind === 'heartbeat'
                ? heartbeatDeadline(input.target, row.lastPingAt ?? now)
                : firstRunAt(row.id, input.intervalSeconds, now),
          }
        : {}),
    })
    .where(eq(monitors.id, monitorId))
    .returning();
  return presentMonitor(updated!);
}

export async function deleteMonitor(ctx: AppContext, clientId: string, monitorId: string) {
  await findMonitor(ctx, clientId, monitorId);
  await ctx.db.delete(monitors).where(eq(monitors.id, monitorId));
}

/** 24 hourly uptime shares per monitor, from raw results (kept 7 days). */
async function sparklines(ctx: AppContext, ids: string[]): Promise<Map<string, (number | null)[]>> {
  const map = new Map<string, (number | null)[]>();
  if (ids.length === 0) return map;
  const hourNow = Math.floor(Date.now() / 3_600_000);
  const { rows } = await ctx.database.query<{
    monitor_id: string;
    hour: number;
    total: number;
    ok: number;
  }>(
    `select monitor_id, floor(extract(epoch from at) / 3600)::int as hour, count(*)::int as total,
            count(*) filter (where ok)::int as ok
       from monitor_results
      where monitor_id = any($1::uuid[]) and at >= now() - interval '24 hours'
      group by 1, 2`,
    [ids],
  );
  for (const id of ids)
    map.set(
      id,
      Array.from({ length: 24 }, () => null),
    );
  for (const row of rows) {
    const index = 23 - (hourNow - Number(row.hour));
    const line = map.get(row.monitor_id);
    if (line && index >= 0 && index < 24) line[index] = row.total ? row.ok / row.total : null;
  }
  return map;
}

export async function listMonitors(
  ctx: AppContext,
  clientId: string,
  query: z.output<typeof monitorListQuery>,
) {
  const filters: SQL[] = [eq(monitors.clientId, clientId)];
  if (query.q) filters.push(ilike(monitors.name, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.kind) filters.push(eq(monitors.kind, query.kind));
  if (query.status === 'paused') filters.push(eq(monitors.enabled, false));
  else if (query.status)
    filters.push(and(eq(monitors.status, query.status), eq(monitors.enabled, true))!);
  const where = and(...filters);
  // Down first, then degraded, then the rest by name.
  const order = sql`case ${monitors.status} when 'down' then 0 when 'degraded' then 1 when 'pending' then 2 else 3 end`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(monitors)
      .where(where)
      .orderBy(order, asc(monitors.name))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(monitors).where(where),
  ]);
  const lines = await sparklines(
    ctx,
    rows.map((r) => r.id),
  );
  return { monitors: rows.map((r) => presentMonitor(r, lines.get(r.id))), total: total?.n ?? 0 };
}

export async function recentResults(ctx: AppContext, monitorId: string, limit = 100) {
  const rows = await ctx.db
    .select()
    .from(monitorResults)
    .where(
      and(
        eq(monitorResults.monitorId, monitorId),
        gte(monitorResults.at, sql`now() - interval '7 days'`),
      ),
    )
    .orderBy(desc(monitorResults.at))
    .limit(limit);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    ok: r.ok,
    status: r.status as Monitor['status'],
    fault: r.fault,
    message: r.message,
    statusCode: r.statusCode,
    dnsMs: r.dnsMs,
    connectMs: r.connectMs,
    tlsMs: r.tlsMs,
    firstByteMs: r.firstByteMs,
    totalMs: r.totalMs,
  }));
}

export function presentIncident(
  row: typeof incidents.$inferSelect,
  monitorName: string,
  events?: (typeof incidentEvents.$inferSelect)[],
): Incident {
  return {
    id: row.id,
    monitorId: row.monitorId,
    monitorName,
    clientId: row.clientId,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    cause: row.cause,
    rootCause: row.rootCause,
    ...(events
      ? {
          events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, message: e.message })),
        }
      : {}),
  };
}

export { monitorTarget };
