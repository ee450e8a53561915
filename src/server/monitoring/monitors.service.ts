/**
 * @module Monitors: create, change, list (paginated, filtered, searchable), present. Validation
 * beyond the schema (a cron expression that parses, a time zone that exists) names the field.
 */
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { RE2JS } from 're2js';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { credentials, incidentEvents, incidents, monitors } from '../db/schema.ts';
import { assertAddressAllowed, SsrfError, type SsrfPolicy } from '../net/ssrf.ts';
import { readResults } from './pack.ts';
import { invalid, notFound } from '../http/app-error.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import {
  monitorInput,
  monitorTarget,
  parseDnsServer,
  type Incident,
  type Monitor,
  type MonitorTarget,
  type monitorListQuery,
  type monitorPatch,
} from '../../shared/monitoring.ts';
import { firstRunAt, heartbeatDeadline, parseCron } from './schedule.ts';
import { moveUrlCredentials, openSecrets, sealSecrets, splitSecrets } from './secret-headers.ts';
import { sparklines, type Sparkline } from './series.ts';

type MonitorRow = typeof monitors.$inferSelect;

export function checkTarget(target: MonitorTarget, field = 'body.target', policy?: SsrfPolicy) {
  if (target.kind === 'dns' && target.server && policy) {
    const server = parseDnsServer(target.server)!;
    try {
      assertAddressAllowed(server.address, server.port, policy, `DNS server ${target.server}`);
    } catch (error) {
      if (error instanceof SsrfError) throw invalid(`${field}.server`, error.message);
      throw error;
    }
  }
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
  if (target.kind === 'http') {
    const url = new URL(target.url);
    // A user and password move into a sealed Authorization header (`moveUrlCredentials`): one
    // given beside such a header would be lost.
    if (
      (url.username || url.password) &&
      Object.keys(target.headers).some((name) => name.toLowerCase() === 'authorization')
    )
      throw invalid(
        `${field}.url`,
        'holds a user name and password, and the headers an Authorization header; keep one of them',
      );
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

export function presentMonitor(row: MonitorRow, line?: Sparkline): Monitor {
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
    status: row.enabled ? row.status : 'paused',
    isFlapping: row.isFlapping,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastLatencyMs: row.lastLatencyMs,
    lastMessage: row.lastMessage,
    lastFault: row.lastFault,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    lastPingAt: row.lastPingAt?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastRunMs: row.lastRunMs,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    ...(line ? { sparkline: line.uptime, latencyLine: line.latency } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

/** `policy`: the SSRF policy a DNS server address is checked against when the monitor is saved. */
type MonitorCtx = Pick<AppContext, 'db' | 'secretBox'> & { policy?: SsrfPolicy | undefined };

const sameValues = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([name, value]) => b[name] === value);

export async function createMonitor(options: {
  ctx: MonitorCtx;
  clientId: string;
  input: z.output<typeof monitorInput>;
  /** Where field errors point: `body.target` for the API, `target` for an import. */
  field?: string;
}): Promise<Monitor & { pingToken?: string }> {
  const { ctx, clientId, input } = options;
  checkTarget(input.target, options.field ?? 'body.target', ctx.policy);
  const id = crypto.randomUUID();
  const now = new Date();
  const isHeartbeat = input.target.kind === 'heartbeat';
  const pingToken = isHeartbeat ? `hb_${randomToken(24)}` : undefined;
  const split =
    input.target.kind === 'http'
      ? splitSecrets(moveUrlCredentials(input.target), undefined, options.field)
      : { target: input.target, secrets: {} };
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(monitors)
      .values({
        id,
        clientId,
        name: input.name,
        kind: input.target.kind,
        target: split.target as Record<string, unknown>,
        secretCredentialId: await sealSecrets(
          { db: tx, secretBox: ctx.secretBox },
          clientId,
          input.name,
          split.secrets,
        ),
        intervalSeconds: input.intervalSeconds,
        expertInterval: input.expertInterval,
        timeoutSeconds: Math.min(input.timeoutSeconds, Math.max(1, input.intervalSeconds)),
        retries: input.retries,
        recoveries: input.recoveries,
        enabled: input.enabled,
        nextRunAt:
          input.target.kind === 'heartbeat'
            ? heartbeatDeadline(input.target, now)
            : firstRunAt(id, input.intervalSeconds, now),
        pingTokenHash: pingToken ? hashToken(pingToken) : null,
      })
      .returning();
    return inserted!;
  });
  return { ...presentMonitor(row), ...(pingToken ? { pingToken } : {}) };
}

export async function findMonitor(
  ctx: Pick<AppContext, 'db'>,
  clientId: string,
  monitorId: string,
) {
  const [row] = await ctx.db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.clientId, clientId)));
  if (!row) throw notFound('monitor');
  return row;
}

export async function updateMonitor(options: {
  ctx: MonitorCtx;
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
  });
  if (!merged.success) {
    const issue = merged.error.issues[0]!;
    throw invalid(`body.${issue.path.join('.')}`, issue.message);
  }
  const input = merged.data;
  checkTarget(input.target, 'body.target', ctx.policy);
  const now = new Date();
  const rescheduled =
    patch.intervalSeconds !== undefined || patch.target !== undefined || patch.enabled === true;
  const updated = await ctx.db.transaction(async (tx) => {
    // Secret headers and query values: a mask sent back keeps the sealed value; any change
    // seals a new row.
    let secretCredentialId = row.secretCredentialId;
    let target = input.target as Record<string, unknown>;
    if (patch.target && input.target.kind === 'http') {
      const previous = await openSecrets({ db: tx, secretBox: ctx.secretBox }, secretCredentialId);
      const split = splitSecrets(moveUrlCredentials(input.target), {
        target: row.target,
        secrets: previous,
      });
      target = split.target;
      if (!sameValues(split.secrets, previous)) {
        if (secretCredentialId)
          await tx.delete(credentials).where(eq(credentials.id, secretCredentialId));
        secretCredentialId = await sealSecrets(
          { db: tx, secretBox: ctx.secretBox },
          clientId,
          input.name,
          split.secrets,
        );
      }
    }
    const [changed] = await tx
      .update(monitors)
      .set({
        name: input.name,
        target,
        secretCredentialId,
        intervalSeconds: input.intervalSeconds,
        expertInterval: input.expertInterval,
        timeoutSeconds: Math.min(input.timeoutSeconds, Math.max(1, input.intervalSeconds)),
        retries: input.retries,
        recoveries: input.recoveries,
        enabled: input.enabled,
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
    // Paused while down: nobody checks it any more, so its incident closes here (saying so)
    // rather than stay open on the status page and in reminders for ever.
    if (row.enabled && !input.enabled) {
      const closed = await tx
        .update(incidents)
        .set({ resolvedAt: now })
        .where(and(eq(incidents.monitorId, monitorId), isNull(incidents.resolvedAt)))
        .returning({ id: incidents.id });
      if (closed.length > 0)
        await tx.insert(incidentEvents).values(
          closed.map((c) => ({
            incidentId: c.id,
            at: now,
            kind: 'paused',
            message: 'closed because the monitor was paused; no recovery was seen',
          })),
        );
    }
    return changed!;
  });
  return presentMonitor(updated);
}

/** A new secret ping URL for a heartbeat (the old one stops working); shown once. */
export async function rotatePingToken(ctx: AppContext, clientId: string, monitorId: string) {
  const row = await findMonitor(ctx, clientId, monitorId);
  if (row.kind !== 'heartbeat') throw invalid('params.monitorId', 'is not a heartbeat');
  const pingToken = `hb_${randomToken(24)}`;
  await ctx.db
    .update(monitors)
    .set({ pingTokenHash: hashToken(pingToken), updatedAt: new Date() })
    .where(eq(monitors.id, monitorId));
  return { pingToken };
}

export async function deleteMonitor(ctx: AppContext, clientId: string, monitorId: string) {
  const row = await findMonitor(ctx, clientId, monitorId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(monitors).where(eq(monitors.id, monitorId));
    if (row.secretCredentialId)
      await tx.delete(credentials).where(eq(credentials.id, row.secretCredentialId));
  });
}

export async function listMonitors(
  ctx: AppContext,
  clientId: string,
  query: z.output<typeof monitorListQuery>,
) {
  const filters: SQL[] = [eq(monitors.clientId, clientId)];
  if (query.q) {
    // Name or target (URL, host, DNS name), so "api.example" finds every check on that host.
    const pattern = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    const target = sql`coalesce(${monitors.target}->>'url', ${monitors.target}->>'host', ${monitors.target}->>'hostname', '')`;
    filters.push(or(ilike(monitors.name, pattern), ilike(target, pattern))!);
  }
  if (query.kind) filters.push(eq(monitors.kind, query.kind));
  if (query.status === 'paused') filters.push(eq(monitors.enabled, false));
  else if (query.status)
    filters.push(and(eq(monitors.status, query.status), eq(monitors.enabled, true))!);
  const where = and(...filters);
  // Down first, then degraded, then the rest by name: the expression of `monitors_list_idx`.
  const order = sql`(case ${monitors.status} when 'down' then 0 when 'degraded' then 1 when 'pending' then 2 else 3 end)`;
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
  const rows = await readResults(ctx, monitorId, {
    since: new Date(Date.now() - ctx.config.monitorRawRetentionDays * 86_400_000),
    limit,
  });
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
