/**
 * @module The monitor scheduler: a loop inside `keel serve` / `keel worker` (not a pg-boss job
 * per check, which is too slow at thousands of monitors). Each pass claims the monitors due
 * within the next `lookaheadMs` in a batch with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
 * LOCKED) RETURNING`, setting a lease (lookahead + timeout + 15 s), and starts each check at its
 * due time, so the lag does not depend on the polling period. Several processes on one database
 * therefore never run the same check twice in an interval, and when a worker dies its leases
 * lapse and another takes the monitors over (within two intervals, since the lease is shorter
 * than one interval plus the timeout). Checks run with a global concurrency limit and a per-host
 * limit (politeness); finished checks are recorded in batches (record-batch.ts), and alerts are
 * only stored and queued (see alerts.ts), so a slow channel never delays a check. Heartbeat
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
import { releaseLease } from './record.ts';
import { createOutcomeRecorder } from './record-batch.ts';
import { heartbeatDeadline, heartbeatRecheck, nextDueAfter } from './schedule.ts';
import { createSecretCache, withSecrets } from './secret-headers.ts';
import { deadlineAfterOutage, notePass, schedulerHealth } from './scheduler-health.ts';

export interface SchedulerOptions {
  id?: string;
  batchSize?: number;
  concurrency?: number;
  perHost?: number;
  pollMs?: number;
  /** How far ahead a pass claims monitors (started at their due time); 2 × pollMs by default. */
  lookaheadMs?: number;
  /**
   * Recording: checks per transaction (200), and how long a finished check waits for others
   * (100 ms: a transaction costs ~3 ms of CPU on the embedded database, a row ~0.25 ms).
   */
  recordBatch?: number;
  recordWaitMs?: number;
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
  secret_credential_id: string | null;
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
  const lookaheadMs = options.lookaheadMs ?? 2 * pollMs;
  const recorder = createOutcomeRecorder(ctx, {
    maxBatch: options.recordBatch ?? 200,
    maxWaitMs: options.recordWaitMs ?? 100,
  });
  const reminderEveryMs = options.reminderEveryMs ?? 60 * 60 * 1000;
  const policy = ssrfPolicyFrom(ctx.config);
  const secrets = createSecretCache(ctx);
  const running = new Set<Promise<void>>();
  const hostLoad = new Map<string, number>();
  const hostWaiters = new Map<string, (() => void)[]>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let passing = false;
  /** The last pass found no room (concurrency reached): pass again as soon as a check ends. */
  let isWaitingForRoom = false;
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

  /** Resolves at `at`, or early (false) when the scheduler stops. */
  async function sleepUntil(at: Date): Promise<boolean> {
    // Timers run on a monotonic clock and may fire a millisecond before the wall clock reaches
    // `at`: sleep again for the rest, so that nothing (a missed ping above all) is early.
    while (at.getTime() > Date.now() && !abort.signal.aborted)
      await sleepFor(at.getTime() - Date.now());
    return !abort.signal.aborted;
  }

  function sleepFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(wait);
        abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const wait = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done);
    });
  }

  async function runOne(row: Claimed) {
    const dueAt = new Date(row.next_run_at);
    // Claimed ahead of time: start on the dot. Stopping first hands the monitor back untouched.
    if (!(await sleepUntil(dueAt))) return releaseLease(ctx.db, row.id, id, dueAt);
    let startedAt = new Date();
    const lease = { holder: id, dueAt };
    // A monitor that cannot be run as stored is down with the reason, and tried again next time.
    const recordUnrunnable = async (message: string): Promise<void> => {
      await recorder.record({
        ...lease,
        monitorId: row.id,
        outcome: { status: 'down', fault: 'assertion', message, timings: {} },
        nextRunAt: nextDueAfter(dueAt, row.interval_seconds),
        at: new Date(),
      });
    };
    const parsed = monitorTarget.safeParse(row.target);
    if (!parsed.success) return recordUnrunnable('the monitor definition is invalid; edit it');
    const target = parsed.data;
    if (target.kind === 'heartbeat') {
      // Pings sent while the database was unreachable were lost: not the job's fault.
      const moved = deadlineAfterOutage(ctx, dueAt, (ping) => heartbeatDeadline(target, ping));
      if (moved) return releaseLease(ctx.db, row.id, id, moved);
      await recorder.record({
        ...lease,
        monitorId: row.id,
        outcome: {
          status: 'down',
          fault: 'missed-ping',
          message: 'no ping before the deadline',
          timings: {},
        },
        nextRunAt: heartbeatRecheck(target, startedAt),
        at: startedAt,
        confirmImmediately: true,
      });
      options.onRun?.({ monitorId: row.id, dueAt, startedAt, holder: id });
      return;
    }
    const withValues = withSecrets(
      target,
      row.secret_credential_id ? secrets.get(row.secret_credential_id) : undefined,
    );
    if (!withValues)
      return recordUnrunnable('a secret header cannot be opened; enter its value again');
    const host = hostOf(target);
    await acquireHost(host);
    startedAt = new Date();
    let outcome;
    try {
      outcome = await runCheck(withValues, {
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
    await recorder.record({
      ...lease,
      monitorId: row.id,
      outcome,
      nextRunAt: nextDueAfter(dueAt, row.interval_seconds),
      at: new Date(),
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
              lease_until = now() + make_interval(secs => m.timeout_seconds + 15 + $3::float8 / 1000)
        where m.id in (
          select id from monitors
           where enabled and next_run_at <= now() + $3::float8 * interval '1 millisecond'
             and (lease_until is null or lease_until < now())
           order by next_run_at
           limit $2
           for update skip locked)
      returning m.id, m.kind, m.target, m.next_run_at, m.interval_seconds, m.timeout_seconds,
                m.secret_credential_id`,
      [id, room, lookaheadMs],
    );
    // Secret headers: opened once per credential row (a new row on every change), read in one
    // query for the ids of this batch that are not cached yet.
    await secrets.load(rows.map((r) => r.secret_credential_id));
    for (const row of rows) {
      const task = runOne(row)
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, monitorId: row.id }, 'monitor check failed to record'),
        )
        .finally(() => {
          running.delete(task);
          if (isWaitingForRoom) {
            isWaitingForRoom = false;
            schedule(0);
          }
        });
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

  function schedule(ms: number) {
    if (stopped || passing) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
  }

  const loop = async () => {
    if (stopped || passing) return;
    passing = true;
    const room = Math.min(batchSize, concurrency - running.size);
    let claimed = 0;
    try {
      claimed = await tick();
      notePass(ctx);
    } catch (error) {
      // Database unreachable: nothing is recorded, so no false "down"; try again shortly.
      notePass(ctx, error);
    }
    passing = false;
    // A full batch means more may be due; no room means waiting for a check to end.
    if (room <= 0) isWaitingForRoom = true;
    schedule(room > 0 && claimed >= room ? 0 : pollMs);
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
      schedulerHealth(ctx).running++;
      void loop();
    },
    async stop() {
      if (!stopped) schedulerHealth(ctx).running--;
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      await Promise.allSettled([...running]);
      await recorder.flush();
    },
  };
}
