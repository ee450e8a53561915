/**
 * @module Recording a check outcome: one transaction updates the monitor (only if this worker
 * still holds its lease), stores the raw result, opens or closes the incident with its timeline,
 * and stores the alerts to send. The alerts are queued for the `monitoring.alert` job after the
 * commit: a slow alert channel never holds up the scheduler. Heartbeat pings record here, one
 * at a time; the scheduler's checks go through record-batch.ts, which shares `resultRow` and
 * `applyTransition`.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { incidentEvents, incidents, monitorResults, monitors } from '../db/schema.ts';
import type { CheckOutcome } from './checks/types.ts';
import { storeAlerts, queueAlerts } from './alerts.ts';
import { advance, type MonitorState, type Transition } from './state.ts';

export type MonitorRow = typeof monitors.$inferSelect;

export function stateOf(row: MonitorRow): MonitorState {
  return {
    status: row.status,
    consecutiveFailures: row.consecutiveFailures,
    consecutiveSuccesses: row.consecutiveSuccesses,
    failingSince: row.failingSince,
    firstFailureMessage: row.firstFailureMessage,
    recentChanges: row.recentChanges,
    isFlapping: row.isFlapping,
    retries: row.retries,
    recoveries: row.recoveries,
  };
}

export interface RecordOptions {
  /** The lease this worker holds; the write is dropped when another worker took the monitor over. */
  lease?: { holder: string } | undefined;
  dueAt?: Date | null | undefined;
  nextRunAt?: Date | null | undefined;
  now?: Date;
  confirmImmediately?: boolean;
  /** Extra monitor columns to set in the same update (heartbeat ping times). */
  extra?: Partial<typeof monitors.$inferInsert>;
}

export type RecordResult = { recorded: boolean; transition: Transition };

/** The raw result row of one outcome. */
export function resultRow(
  monitorId: string,
  outcome: CheckOutcome,
  at: Date,
  dueAt: Date | null | undefined,
  runBy: string | null | undefined,
): typeof monitorResults.$inferInsert {
  return {
    monitorId,
    at,
    dueAt: dueAt ?? null,
    ok: outcome.status !== 'down',
    status: outcome.status,
    fault: outcome.fault ?? null,
    message: outcome.message.slice(0, 1000),
    statusCode: outcome.statusCode ?? null,
    dnsMs: outcome.timings.dnsMs ?? null,
    connectMs: outcome.timings.connectMs ?? null,
    tlsMs: outcome.timings.tlsMs ?? null,
    firstByteMs: outcome.timings.firstByteMs ?? null,
    totalMs: outcome.timings.totalMs ?? null,
    runBy: runBy ?? null,
  };
}

/**
 * The rare part of recording, inside the caller's transaction: a monitor that went down opens an
 * incident with its timeline, one that recovered closes it. Returns the alerts stored, to queue
 * after the commit.
 */
export async function applyTransition(
  tx: Db,
  row: MonitorRow,
  state: MonitorState,
  transition: Exclude<Transition, null>,
  outcome: CheckOutcome,
  now: Date,
): Promise<string[]> {
  const monitorId = row.id;
  if (transition === 'went-down') {
    const [incident] = await tx
      .insert(incidents)
      .values({
        monitorId,
        clientId: row.clientId,
        openedAt: now,
        cause: outcome.message.slice(0, 1000),
      })
      .returning();
    const failures = state.consecutiveFailures;
    await tx.insert(incidentEvents).values([
      {
        incidentId: incident!.id,
        at: state.failingSince ?? now,
        kind: 'first-failure',
        message: state.firstFailureMessage ?? outcome.message,
      },
      {
        incidentId: incident!.id,
        at: now,
        kind: 'confirmed',
        message: `down, confirmed by ${failures} failed check${failures === 1 ? '' : 's'} in a row: ${outcome.message}`,
      },
    ]);
    return storeAlerts(tx, {
      monitor: row,
      incidentId: incident!.id,
      event: 'down',
      message: outcome.message,
      at: now,
    });
  }
  const [incident] = await tx
    .update(incidents)
    .set({ resolvedAt: now })
    .where(and(eq(incidents.monitorId, monitorId), isNull(incidents.resolvedAt)))
    .returning();
  if (!incident) return [];
  const minutes = Math.max(1, Math.round((now.getTime() - incident.openedAt.getTime()) / 60_000));
  await tx.insert(incidentEvents).values({
    incidentId: incident.id,
    at: now,
    kind: 'recovered',
    message: `back up after ${minutes} minute${minutes === 1 ? '' : 's'}: ${outcome.message}`,
  });
  return storeAlerts(tx, {
    monitor: row,
    incidentId: incident.id,
    event: 'up',
    message: outcome.message,
    at: now,
  });
}

/**
 * Records one outcome in its own transaction: heartbeat pings. The scheduler records its checks
 * in batches (record-batch.ts).
 */
export async function recordOutcome(
  ctx: AppContext,
  monitorId: string,
  outcome: CheckOutcome,
  options: RecordOptions = {},
): Promise<RecordResult> {
  const now = options.now ?? new Date();
  const queued: string[] = [];
  const result = await ctx.db.transaction(async (tx): Promise<RecordResult> => {
    // Lock the row: pings and checks for one monitor are applied one at a time.
    const [row] = await tx.select().from(monitors).where(eq(monitors.id, monitorId)).for('update');
    if (!row) return { recorded: false, transition: null };
    if (options.lease && row.leasedBy !== options.lease.holder)
      return { recorded: false, transition: null };
    const { state, transition } = advance(stateOf(row), outcome, now, {
      confirmImmediately: options.confirmImmediately ?? false,
    });
    await tx
      .update(monitors)
      .set({
        status: state.status,
        consecutiveFailures: state.consecutiveFailures,
        consecutiveSuccesses: state.consecutiveSuccesses,
        failingSince: state.failingSince,
        firstFailureMessage: state.firstFailureMessage,
        recentChanges: state.recentChanges,
        isFlapping: state.isFlapping,
        lastCheckedAt: now,
        lastLatencyMs: outcome.timings.totalMs ?? null,
        lastMessage: outcome.message,
        lastFault: outcome.fault ?? null,
        ...(transition ? { statusChangedAt: now } : {}),
        ...(options.nextRunAt !== undefined ? { nextRunAt: options.nextRunAt } : {}),
        // A heartbeat ping moves the deadline: a scheduler's claim on the old one (taken up to
        // 1.5 s ahead) is void, so its "missed ping" finds the lease gone and is dropped.
        ...(options.lease || options.nextRunAt !== undefined
          ? { leasedBy: null, leaseUntil: null }
          : {}),
        ...options.extra,
      })
      .where(eq(monitors.id, monitorId));
    await tx
      .insert(monitorResults)
      .values(resultRow(monitorId, outcome, now, options.dueAt, options.lease?.holder));
    if (transition)
      queued.push(...(await applyTransition(tx, row, state, transition, outcome, now)));
    return { recorded: true, transition };
  });
  if (queued.length > 0) await queueAlerts(ctx, queued);
  return result;
}

/** Moves the monitor's clock on without a result (a heartbeat still inside its window). */
export async function releaseLease(db: Db, monitorId: string, holder: string, nextRunAt: Date) {
  await db
    .update(monitors)
    .set({ leasedBy: null, leaseUntil: null, nextRunAt })
    .where(and(eq(monitors.id, monitorId), eq(monitors.leasedBy, holder)));
}

export const nowSql = sql`now()`;
