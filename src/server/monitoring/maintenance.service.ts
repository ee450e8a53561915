/**
 * @module Maintenance windows of a client: create, change, delete, and the two places they act.
 * `muteForMaintenance` is asked by `storeAlerts` before it stores anything: while a window
 * covers the monitor the alert is held back (the check and the incident go on as usual) and the
 * timeline says so. `releaseMutedAlerts` (the `monitoring.maintenance` job, every minute) sends
 * the held-back down alert once the window is over and the monitor is still down.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  maintenanceSchedule,
  type MaintenanceWindow,
  type maintenanceInput,
} from '../../shared/status-pages.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { incidentEvents, incidents, maintenanceWindows, monitors } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';
import { queueAlerts, storeAlerts, type AlertEvent } from './alerts.ts';
import { activeOccurrence, checkSchedule, nextOccurrence, type Occurrence } from './maintenance.ts';

type WindowRow = typeof maintenanceWindows.$inferSelect;
type Input = z.output<typeof maintenanceInput>;

const span = (o: Occurrence | null) =>
  o && { start: o.start.toISOString(), end: o.end.toISOString() };

export function presentWindow(row: WindowRow, now = new Date()): MaintenanceWindow {
  const schedule = maintenanceSchedule.parse(row.schedule);
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    schedule: row.schedule,
    monitorIds: row.monitorIds,
    current: span(activeOccurrence(schedule, now)),
    next: span(nextOccurrence(schedule, now)),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWindows(ctx: AppContext, clientId: string) {
  const rows = await ctx.db
    .select()
    .from(maintenanceWindows)
    .where(eq(maintenanceWindows.clientId, clientId))
    .orderBy(asc(maintenanceWindows.name));
  const now = new Date();
  return rows.map((r) => presentWindow(r, now));
}

async function checkInput(db: Db, clientId: string, input: Input) {
  const errors = new FieldErrors();
  checkSchedule(input.schedule, errors, 'body.schedule');
  if (input.monitorIds.length > 0) {
    const found = await db
      .select({ id: monitors.id })
      .from(monitors)
      .where(and(eq(monitors.clientId, clientId), inArray(monitors.id, input.monitorIds)));
    const known = new Set(found.map((m) => m.id));
    input.monitorIds.forEach((id, i) => {
      if (!known.has(id)) errors.add(`body.monitorIds.${i}`, 'is not a monitor of this client');
    });
  }
  errors.throwIfAny();
}

export async function createWindow(options: { ctx: AppContext; clientId: string; input: Input }) {
  const { ctx, clientId, input } = options;
  await checkInput(ctx.db, clientId, input);
  const [row] = await ctx.db
    .insert(maintenanceWindows)
    .values({ clientId, name: input.name, schedule: input.schedule, monitorIds: input.monitorIds })
    .returning();
  return presentWindow(row!);
}

export async function updateWindow(options: {
  ctx: AppContext;
  clientId: string;
  windowId: string;
  input: Input;
}) {
  const { ctx, clientId, windowId, input } = options;
  await checkInput(ctx.db, clientId, input);
  const [row] = await ctx.db
    .update(maintenanceWindows)
    .set({
      name: input.name,
      schedule: input.schedule,
      monitorIds: input.monitorIds,
      updatedAt: new Date(),
    })
    .where(and(eq(maintenanceWindows.id, windowId), eq(maintenanceWindows.clientId, clientId)))
    .returning();
  if (!row) throw notFound('maintenance window');
  return presentWindow(row);
}

export async function deleteWindow(ctx: AppContext, clientId: string, windowId: string) {
  const rows = await ctx.db
    .delete(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, windowId), eq(maintenanceWindows.clientId, clientId)))
    .returning({ id: maintenanceWindows.id });
  if (rows.length === 0) throw notFound('maintenance window');
}

/** The client's windows covering `monitorId` (all windows when it is undefined). */
export async function windowsFor(db: Db, clientId: string, monitorId?: string) {
  return db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.clientId, clientId),
        monitorId
          ? sql`(cardinality(${maintenanceWindows.monitorIds}) = 0 or ${monitorId}::uuid = any(${maintenanceWindows.monitorIds}))`
          : undefined,
      ),
    );
}

/** The window covering the monitor at `at`, if one is active. */
export async function activeMaintenance(
  db: Db,
  monitor: { id: string; clientId: string },
  at: Date,
): Promise<{ name: string; end: Date } | null> {
  for (const row of await windowsFor(db, monitor.clientId, monitor.id)) {
    const parsed = maintenanceSchedule.safeParse(row.schedule);
    const occurrence = parsed.success ? activeOccurrence(parsed.data, at) : null;
    if (occurrence) return { name: row.name, end: occurrence.end };
  }
  return null;
}

/**
 * Called by `storeAlerts` before storing: true when the alert must not go out. During
 * maintenance a down alert is held back (marked on the incident, sent by `releaseMutedAlerts`
 * if still down afterwards) and reminders are skipped. A recovery is sent only when its down
 * alert was: people who heard "down" hear "up", even in a window; nobody hears an "up" alone.
 */
export async function muteForMaintenance(
  db: Db,
  input: {
    monitor: { id: string; clientId: string };
    incidentId: string | null;
    event: AlertEvent;
    at: Date;
  },
): Promise<boolean> {
  // Only a monitor's own down / up / reminder alerts; test and SLO alerts always go out.
  if (input.event !== 'down' && input.event !== 'up' && input.event !== 'reminder') return false;
  if (input.event === 'up') {
    if (!input.incidentId) return false;
    const [heldBack] = await db
      .update(incidents)
      .set({ alertMutedAt: null })
      .where(and(eq(incidents.id, input.incidentId), isNotNull(incidents.alertMutedAt)))
      .returning({ id: incidents.id });
    if (!heldBack) return false;
    await db.insert(incidentEvents).values({
      incidentId: input.incidentId,
      at: input.at,
      kind: 'alert-muted',
      message: 'up alert not sent: its down alert was muted by maintenance',
    });
    return true;
  }
  const window = await activeMaintenance(db, input.monitor, input.at);
  if (!window) return false;
  if (input.incidentId) {
    if (input.event === 'down')
      await db
        .update(incidents)
        .set({ alertMutedAt: input.at })
        .where(eq(incidents.id, input.incidentId));
    await db.insert(incidentEvents).values({
      incidentId: input.incidentId,
      at: input.at,
      kind: 'alert-muted',
      message: `${input.event} alert muted: maintenance ${window.name}`,
    });
  }
  return true;
}

/** Sends the held-back down alerts of incidents still open once their maintenance is over. */
export async function releaseMutedAlerts(ctx: AppContext, now = new Date()) {
  const held = await ctx.db
    .select({ incident: incidents, monitor: monitors })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(and(isNull(incidents.resolvedAt), isNotNull(incidents.alertMutedAt)))
    .limit(200);
  let released = 0;
  for (const { incident, monitor } of held) {
    if (await activeMaintenance(ctx.db, monitor, now)) continue;
    const ids = await ctx.db.transaction(async (tx) => {
      const claimed = await tx
        .update(incidents)
        .set({ alertMutedAt: null })
        .where(and(eq(incidents.id, incident.id), isNotNull(incidents.alertMutedAt)))
        .returning({ id: incidents.id });
      if (claimed.length === 0) return [];
      await tx.insert(incidentEvents).values({
        incidentId: incident.id,
        at: now,
        kind: 'maintenance-over',
        message: 'maintenance over and still down: sending the alert',
      });
      return storeAlerts(tx, {
        monitor,
        incidentId: incident.id,
        event: 'down',
        message: `still down after maintenance: ${monitor.lastMessage ?? incident.cause}`,
        at: now,
      });
    });
    if (ids.length > 0) released++;
    await queueAlerts(ctx, ids);
  }
  return { released };
}
