/**
 * @module SLOs: create, change, list with their status, and the periodic evaluation. Budgets come
 * from hour rollups over the rolling window, burn rates from minute rollups over 5 min, 30 min,
 * 1 h and 6 h (shared/slo.ts holds the math). A change of burn level is claimed with a
 * compare-and-set on `slos.burn_level`, so one alert goes out per episode even with several
 * workers, and one "resolved" notice when it clears.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { alertChannels, alertDeliveries, monitors, slos } from '../db/schema.ts';
import { FieldErrors } from '../http/field-errors.ts';
import { notFound } from '../http/app-error.ts';
import {
  BURN_WINDOWS,
  burnLevel,
  burnRate,
  burnTransition,
  burnWindowMinutes,
  errorBudget,
  type BurnLevel,
  type BurnWindow,
  type Counts,
  type Slo,
  type SloStatus,
  type sloInput,
  type sloPatch,
} from '../../shared/slo.ts';
import { queueAlerts, type AlertPayload } from './alerts.ts';
import { without } from './maintenance-rollups.ts';
import { maintenanceCounts } from './slo-maintenance.ts';

type SloRow = typeof slos.$inferSelect;

/** Rollups older than this (the job runs every minute) are too stale to judge burn rates on. */
const STALE_ROLLUPS_MS = 5 * 60_000;

export function presentSlo(row: SloRow): Slo {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    monitorIds: row.monitorIds,
    targetPercent: row.targetPercent,
    windowDays: row.windowDays,
    burnLevel: row.burnLevel,
    burnChangedAt: row.burnChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function checkMonitors(db: Db, clientId: string, monitorIds: string[]) {
  const unique = [...new Set(monitorIds)];
  const found = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.clientId, clientId), inArray(monitors.id, unique)));
  const known = new Set(found.map((r) => r.id));
  const errors = new FieldErrors();
  monitorIds.forEach((id, i) => {
    if (!known.has(id)) errors.add(`body.monitorIds.${i}`, "is not one of this client's monitors");
  });
  errors.throwIfAny();
  return unique;
}

export async function createSlo(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof sloInput>;
}): Promise<Slo> {
  const { ctx, clientId, input } = options;
  const monitorIds = await checkMonitors(ctx.db, clientId, input.monitorIds);
  const [row] = await ctx.db
    .insert(slos)
    .values({ clientId, ...input, monitorIds })
    .returning();
  return presentSlo(row!);
}

export async function findSlo(ctx: Pick<AppContext, 'db'>, clientId: string, sloId: string) {
  const [row] = await ctx.db
    .select()
    .from(slos)
    .where(and(eq(slos.id, sloId), eq(slos.clientId, clientId)));
  if (!row) throw notFound('SLO');
  return row;
}

export async function updateSlo(options: {
  ctx: AppContext;
  clientId: string;
  sloId: string;
  patch: z.output<typeof sloPatch>;
}): Promise<Slo> {
  const { ctx, clientId, sloId, patch } = options;
  await findSlo(ctx, clientId, sloId);
  const monitorIds = patch.monitorIds
    ? await checkMonitors(ctx.db, clientId, patch.monitorIds)
    : undefined;
  const [row] = await ctx.db
    .update(slos)
    .set({ ...patch, ...(monitorIds ? { monitorIds } : {}), updatedAt: new Date() })
    .where(eq(slos.id, sloId))
    .returning();
  return presentSlo(row!);
}

export async function deleteSlo(ctx: AppContext, clientId: string, sloId: string) {
  await findSlo(ctx, clientId, sloId);
  await ctx.db.delete(slos).where(eq(slos.id, sloId));
}

/**
 * Window and burn-window counts of a set of monitors, in one query over the rollups: the window's
 * first, partial UTC day from hour rows (kept 35 days), its whole days from day rows (kept 400
 * days; a day row is the sum of its hours, today's included), burn windows from minute rows;
 * minus the checks run during their maintenance windows (slo-maintenance.ts; docs/slo.md).
 */
async function sloCounts(
  ctx: AppContext,
  row: SloRow,
  now: Date,
): Promise<{ window: Counts; burn: Record<BurnWindow, Counts> }> {
  const HOUR = 3_600_000;
  const DAY = 86_400_000;
  const windowStart = Math.floor((now.getTime() - row.windowDays * DAY) / HOUR) * HOUR;
  const firstWholeDay = Math.ceil(windowStart / DAY) * DAY;
  const since = (w: BurnWindow) =>
    new Date(now.getTime() - burnWindowMinutes[w] * 60_000).toISOString();
  const columns = BURN_WINDOWS.map(
    (w, i) =>
      `coalesce(sum(checks) filter (where grain = 'minute' and start >= $${i + 4}::timestamptz), 0)::int as "c${w}",
       coalesce(sum(failures) filter (where grain = 'minute' and start >= $${i + 4}::timestamptz), 0)::int as "f${w}"`,
  );
  const { rows } = await ctx.database.query<Record<string, number>>(
    `select coalesce(sum(checks) filter (where grain <> 'minute'), 0)::int as "cw",
            coalesce(sum(failures) filter (where grain <> 'minute'), 0)::int as "fw",
            ${columns.join(',\n')}
       from monitor_rollups
      where monitor_id = any($1::uuid[])
        and ((grain = 'hour' and start >= $2::timestamptz and start < $3::timestamptz)
             or (grain = 'day' and start >= $3::timestamptz)
             or (grain = 'minute' and start >= $${BURN_WINDOWS.length + 3}::timestamptz))`,
    [
      row.monitorIds,
      new Date(windowStart).toISOString(),
      new Date(firstWholeDay).toISOString(),
      ...BURN_WINDOWS.map(since),
    ],
  );
  const r = rows[0] ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  const excluded = await maintenanceCounts(ctx, row, new Date(windowStart), now, since);
  return {
    window: without({ checks: n('cw'), failures: n('fw') }, excluded?.window),
    burn: Object.fromEntries(
      BURN_WINDOWS.map((w) => [
        w,
        without({ checks: n(`c${w}`), failures: n(`f${w}`) }, excluded?.burn[w]),
      ]),
    ) as Record<BurnWindow, Counts>,
  };
}

/** The SLO's budget and burn rates now. */
export async function sloStatus(
  ctx: AppContext,
  row: SloRow,
  now = new Date(),
): Promise<SloStatus> {
  const counts = await sloCounts(ctx, row, now);
  const budget = errorBudget(counts.window, row.targetPercent);
  const burnRates = Object.fromEntries(
    BURN_WINDOWS.map((w) => [w, round(burnRate(counts.burn[w], row.targetPercent))]),
  ) as Record<BurnWindow, number | null>;
  return {
    ...presentSlo(row),
    checks: counts.window.checks,
    failures: counts.window.failures,
    availability: budget.availability,
    allowedFailures: round(budget.allowedFailures) ?? 0,
    budgetUsed: round(budget.used),
    budgetLeft: round(budget.left),
    isMet: budget.isMet,
    burnRates,
    currentLevel: burnLevel(burnRates),
  };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

export async function listSloStatuses(ctx: AppContext, clientId: string): Promise<SloStatus[]> {
  const rows = await ctx.db
    .select()
    .from(slos)
    .where(eq(slos.clientId, clientId))
    .orderBy(asc(slos.name));
  return Promise.all(rows.map((row) => sloStatus(ctx, row)));
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 1000) / 10} %`);
const times = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v * 10) / 10}×`);

function alertMessage(status: SloStatus, level: BurnLevel, event: 'alert' | 'resolved'): string {
  const head = `SLO "${status.name}" (${status.targetPercent} % over ${status.windowDays} days)`;
  const left = `${pct(status.budgetLeft)} of the error budget left`;
  const r = status.burnRates;
  if (event === 'resolved')
    return `${head}: burn rate back to normal (1 h: ${times(r['1h'])}, 6 h: ${times(r['6h'])}); ${left}`;
  return level === 'page'
    ? `${head} is burning its error budget ${times(r['1h'])} over 1 h and ${times(r['5m'])} over 5 min (page at 14.4×); ${left}`
    : `${head} is burning its error budget ${times(r['6h'])} over 6 h and ${times(r['30m'])} over 30 min (ticket at 6×); ${left}`;
}

/**
 * Evaluates every SLO (or one client's): moves its burn level and, on an escalation or when the
 * episode clears, stores one delivery per enabled channel of the client and queues them.
 */
export async function evaluateSlos(
  ctx: AppContext,
  options: { now?: Date; clientId?: string } = {},
): Promise<{ evaluated: number; alerts: number }> {
  const now = options.now ?? new Date();
  // Burn rates read minute rollups: if the rollup job has stalled, the recent minutes look empty
  // (burn rate 0) and every burning SLO would wrongly "resolve". Wait for fresh rollups instead.
  const watermark = await ctx.database.query<{ rolled_until: string | Date }>(
    `select rolled_until from monitor_rollup_state where id = 'main'`,
  );
  const rolledUntil = watermark.rows[0] ? new Date(watermark.rows[0].rolled_until) : null;
  if (!rolledUntil || now.getTime() - rolledUntil.getTime() > STALE_ROLLUPS_MS) {
    ctx.logger.warn({ rolledUntil }, 'slo evaluation skipped: rollups are not current');
    return { evaluated: 0, alerts: 0 };
  }
  const rows = await ctx.db
    .select()
    .from(slos)
    .where(options.clientId ? eq(slos.clientId, options.clientId) : undefined);
  let alerts = 0;
  for (const row of rows) {
    const status = await sloStatus(ctx, row, now);
    const next = status.currentLevel;
    if (next === row.burnLevel) continue;
    const transition = burnTransition(row.burnLevel, next);
    const deliveryIds = await ctx.db.transaction(async (tx) => {
      // Compare-and-set: another worker that saw the same change has already claimed it.
      const claimed = await tx
        .update(slos)
        .set({ burnLevel: next, burnChangedAt: now })
        .where(and(eq(slos.id, row.id), eq(slos.burnLevel, row.burnLevel)))
        .returning({ id: slos.id });
      if (claimed.length === 0 || transition === 'none') return [];
      return storeSloAlerts(tx, status, next, transition, now);
    });
    alerts += deliveryIds.length;
    await queueAlerts(ctx, deliveryIds);
    ctx.logger.info(
      { sloId: row.id, from: row.burnLevel, to: next, deliveries: deliveryIds.length },
      'slo burn level changed',
    );
  }
  return { evaluated: rows.length, alerts };
}

async function storeSloAlerts(
  db: Db,
  status: SloStatus,
  level: BurnLevel,
  transition: 'alert' | 'resolved',
  at: Date,
): Promise<string[]> {
  const channels = await db
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(and(eq(alertChannels.clientId, status.clientId), eq(alertChannels.enabled, true)));
  if (channels.length === 0) return [];
  const payload: AlertPayload = {
    event: transition === 'alert' ? 'slo-burn' : 'slo-resolved',
    at: at.toISOString(),
    message: alertMessage(status, level, transition),
    monitor: null,
    clientId: status.clientId,
    incidentId: null,
    href: `/clients/${status.clientId}/monitoring/slos`,
    slo: {
      id: status.id,
      name: status.name,
      targetPercent: status.targetPercent,
      windowDays: status.windowDays,
      level,
      burnRates: status.burnRates,
      budgetLeft: status.budgetLeft,
    },
  };
  const rows = await db
    .insert(alertDeliveries)
    .values(channels.map((c) => ({ channelId: c.id, event: payload.event, payload })))
    .returning({ id: alertDeliveries.id });
  return rows.map((r) => r.id);
}
