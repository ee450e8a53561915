/**
 * @module The monitor scheduler: a loop inside `keel serve` / `keel worker` (not a pg-boss job
 * per check, which is too slow at thousands of monitors). Each pass claims due monitors in a
 * batch with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`, setting a lease
 * (timeout + 15 s). Several processes on one database therefore never run the same check twice
 * in an interval, and when a worker dies its leases lapse and another takes the monitors over
 * (within two intervals, since the lease is shorter than one interval plus the timeout).
 * Checks run with a global concurrency limit and a per-host limit (politeness); alerts are only
 * stored and queued (see alerts.ts), so a slow channel never delays a check. Heartbeat
 * deadlines are claimed the same way: a heartbeat due and not pinged is a missed ping.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { monitorTarget } from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { incidents, monitors } from '../db/schema.ts';
import { ssrfPolicyFrom } from '../net/ssrf.ts';
import { queueAlerts, storeAlerts } from './alerts.ts';
import { runCheck, type CheckEnv } from './checks/index.ts';
import { recordOutcome, releaseLease } from './record.ts';
import { heartbeatRecheck, nextDueAfter } from './schedule.ts';

export interface SchedulerOptions {
  id?: string;
  batchSize?: number;
  concurrency?: number;
  perHost?: number;
  pollMs?: number;
  /** How often an open incident sends a reminder. */
  reminderEveryMs?: number;
  /** Test hook: the environment checks run in (a fake DNS lookup). */
  checkEnv?: Partial<CheckEnv>;
  /** Called after each check is recorded: for tests and the benchmark. */
  onRun?: (run: { monitorId: string; dueAt: Date; startedAt: Date; holder: string }) => void;
}

export interface MonitorScheduler {
  id: string;
  start(): void;
  stop(): Promise<void>;
  /** One pass: claims and starts due checks; resolves with how many it claimed. */
  tick(): Promise<number>;
  /** Resolves when every started check has been recorded. */
  idle(): Promise<void>;
  inFlight(): number;
}

interface Claimed {
  id: string;
  kind: string;
  target: unknown;
  next_run_at: string | Date;
  interval_seconds: number;
  timeout_seconds: number;
}

const hostOf = (target: Record<string, unknown>): string => {
  if (typeof target.url === 'string') {
    try {
      return new URL(target.url).hostname;
    } catch {
      return '?';
    }
  }
  const host = target.host ?? target.hostname;
  return typeof host === 'string' ? host : '?';
};

export function createMonitorScheduler(
  ctx: AppContext,
  options: SchedulerOptions = {},
): MonitorScheduler {
  const id = options.id ?? `sched-${randomBytes(4).toString('hex')}`;
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? ctx.config.monitorConcurrency;
  const perHost = options.perHost ?? 8;
  const pollMs = options.pollMs ?? 200;
  const reminderEveryMs = options.reminderEveryMs ?? 60 * 60 * 1000;
  const policy = ssrfPolicyFrom(ctx.config);
  const running = new Set<Promise<void>>();
  const hostLoad = new Map<string, number>();
  const hostWaiters = new Map<string, (() => void)[]>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let lastReminderSweep = 0;
  const abort = new AbortController();
  // Every running check listens to it; hundreds at once is expected.
  setMaxListeners(0, abort.signal);

  async function acquireHost(host: string) {
    while ((hostLoad.get(host) ?? 0) >= perHost)
      await new Promise<void>((resolve) =>
        hostWaiters.set(host, [...(hostWaiters.get(host) ?? []), resolve]),
      );
    hostLoad.set(host, (hostLoad.get(host) ?? 0) + 1);
  }
  function releaseHost(host: string) {
    hostLoad.set(host, (hostLoad.get(host) ?? 1) - 1);
    const waiters = hostWaiters.get(host);
    const next = waiters?.shift();
    if (next) next();
    if (waiters && waiters.length === 0) hostWaiters.delete(host);
  }

  async function runOne(row: Claimed) {
    const dueAt = new Date(row.next_run_at);
    const startedAt = new Date();
    const parsed = monitorTarget.safeParse(row.target);
    if (!parsed.success) {
      await recordOutcome(
        ctx,
        row.id,
        {
          status: 'down',
          fault: 'assertion',
          message: 'the monitor definition is invalid; edit it',
          timings: {},
        },
        { lease: { holder: id }, dueAt, nextRunAt: nextDueAfter(dueAt, row.interval_seconds) },
      );
      return;
    }
    const target = parsed.data;
    if (target.kind === 'heartbeat') {
      await recordOutcome(
        ctx,
        row.id,
        {
          status: 'down',
          fault: 'missed-ping',
          message: 'no ping before the deadline',
          timings: {},
        },
        {
          lease: { holder: id },
          dueAt,
          nextRunAt: heartbeatRecheck(target, startedAt),
          confirmImmediately: true,
        },
      );
      options.onRun?.({ monitorId: row.id, dueAt, startedAt, holder: id });
      return;
    }
    const host = hostOf(target);
    await acquireHost(host);
    let outcome;
    try {
      outcome = await runCheck(target, {
        policy,
        timeoutMs: row.timeout_seconds * 1000,
        signal: abort.signal,
        ...options.checkEnv,
      });
    } finally {
      releaseHost(host);
    }
    // Stopping cut the check short: that says nothing about the target. Hand the monitor back.
    if (abort.signal.aborted) return releaseLease(ctx.db, row.id, id, dueAt);
    await recordOutcome(ctx, row.id, outcome, {
      lease: { holder: id },
      dueAt,
      nextRunAt: nextDueAfter(dueAt, row.interval_seconds),
    });
    options.onRun?.({ monitorId: row.id, dueAt, startedAt, holder: id });
  }

  async function sendReminders() {
    const cutoff = new Date(Date.now() - reminderEveryMs);
    const due = await ctx.db
      .select({ incident: incidents, monitor: monitors })
      .from(incidents)
      .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
      .where(
        and(
          isNull(incidents.resolvedAt),
          isNull(incidents.acknowledgedAt),
          lt(incidents.openedAt, cutoff),
          or(isNull(incidents.lastReminderAt), lt(incidents.lastReminderAt, cutoff)),
        ),
      )
      .limit(100);
    for (const { incident, monitor } of due) {
      const ids = await ctx.db.transaction(async (tx) => {
        const claimed = await tx
          .update(incidents)
          .set({ lastReminderAt: new Date() })
          .where(
            and(
              eq(incidents.id, incident.id),
              or(isNull(incidents.lastReminderAt), lt(incidents.lastReminderAt, cutoff)),
            ),
          )
          .returning({ id: incidents.id });
        if (claimed.length === 0) return [];
        return storeAlerts(tx, {
          monitor,
          incidentId: incident.id,
          event: 'reminder',
          message: monitor.lastMessage ?? incident.cause,
          at: new Date(),
        });
      });
      await queueAlerts(ctx, ids);
    }
  }

  async function tick(): Promise<number> {
    const room = Math.min(batchSize, concurrency - running.size);
    if (room <= 0) return 0;
    const { rows } = await ctx.database.query<Claimed>(
      `update monitors m
          set leased_by = $1,
              lease_until = now() + make_interval(secs => m.timeout_seconds + 15)
        where m.id in (
          select id from monitors
           where enabled and next_run_at <= now()
             and (lease_until is null or lease_until < now())
           order by next_run_at
           limit $2
           for update skip locked)
      returning m.id, m.kind, m.target, m.next_run_at, m.interval_seconds, m.timeout_seconds`,
      [id, room],
    );
    for (const row of rows) {
      const task = runOne(row)
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, monitorId: row.id }, 'monitor check failed to record'),
        )
        .finally(() => running.delete(task));
      running.add(task);
    }
    if (Date.now() - lastReminderSweep > 30_000) {
      lastReminderSweep = Date.now();
      await sendReminders().catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'monitor reminders failed'),
      );
    }
    return rows.length;
  }

  const loop = async () => {
    if (stopped) return;
    let claimed = 0;
    try {
      claimed = await tick();
    } catch (error) {
      // Database unreachable: nothing is recorded, so no false "down"; try again shortly.
      ctx.logger.warn({ err: error }, 'monitor scheduler pass failed');
    }
    if (!stopped) timer = setTimeout(() => void loop(), claimed >= batchSize ? 0 : pollMs);
  };

  return {
    id,
    tick,
    inFlight: () => running.size,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      await Promise.allSettled([...running]);
    },
  };
}
