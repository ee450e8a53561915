/**
 * @module The monitor scheduler: a loop inside `keel serve` / `keel worker` (not a pg-boss job
 * per check, which is too slow at thousands of monitors). Each pass claims the monitors due
 * within the next `lookaheadMs` in a batch with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
 * LOCKED) RETURNING`, setting a lease (lookahead + timeout + margin), and starts each check at its
 * due time, so the lag does not depend on the polling period. Several processes on one database
 * therefore never run the same check twice in an interval, and when a worker dies its leases
 * lapse and another takes the monitors over (within two intervals, since the lease is the
 * timeout plus at most half an interval). Checks run with a global concurrency limit and a
 * per-host limit (politeness; queued checks keep their lease renewed); finished checks are recorded in batches (record-batch.ts), and alerts are
 * only stored and queued (see alerts.ts), so a slow channel never delays a check. Heartbeat
 * deadlines are claimed the same way: a heartbeat due and not pinged is a missed ping.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { spanInWords } from '../../shared/dates.ts';
import { monitorTarget } from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { incidents, monitors } from '../db/schema.ts';
import { ssrfPolicyFrom } from '../net/ssrf.ts';
import { queueAlerts, storeAlerts } from './alerts.ts';
import { runCheck, type CheckEnv, type CheckOutcome } from './checks/index.ts';
import { releaseLease } from './record.ts';
import { createOutcomeRecorder } from './record-batch.ts';
import { heartbeatDeadline, heartbeatRecheck, nextDueAfter } from './schedule.ts';
import { createSecretCache, scrubSecrets, withSecrets } from './secret-headers.ts';
import { deadlineAfterOutage, notePass, schedulerHealth } from './scheduler-health.ts';

/**
 * What a lease adds to the check's timeout, in seconds: room to record the result. Half the
 * interval, between 2 and 15 s, so that a dead worker's monitors are taken over within two
 * intervals (a 10 s interval: timeout ≤ 10 s + 5 s, claimed again ~15.5 s after its due time).
 */
const LEASE_MARGIN_SQL = 'least(15, greatest(2, m.interval_seconds / 2.0))';

export interface SchedulerOptions {
  id?: string;
  batchSize?: number;
  concurrency?: number;
  perHost?: number;
  pollMs?: number;
  /**
   * How far ahead a pass claims monitors (each started at its due time): 1.5 s by default, longer
   * than the embedded database's longest routine transaction (the minute rollup, ~1 s at 5,000
   * monitors), so checks falling due while it holds the one connection were claimed before it
   * and start on time (bench/monitoring/process.ts).
   */
  lookaheadMs?: number;
  /**
   * Recording: checks per transaction (200), and how long a finished check waits for others
   * (100 ms: a transaction costs ~3 ms of CPU on the embedded database, a row ~0.25 ms).
   */
  recordBatch?: number;
  recordWaitMs?: number;
  /**
   * How often an open, unacknowledged incident of an enabled monitor sends a reminder; 0 sends
   * none. KEEL_ALERT_REMINDER_MINUTES by default.
   */
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
  const lookaheadMs = options.lookaheadMs ?? Math.max(2 * pollMs, 1500);
  const recorder = createOutcomeRecorder(ctx, {
    maxBatch: options.recordBatch ?? 200,
    maxWaitMs: options.recordWaitMs ?? 100,
  });
  const reminderEveryMs = options.reminderEveryMs ?? ctx.config.alertReminderMinutes * 60_000;
  // Looked for twice per reminder period, at most every 30 s: a reminder is at most that late.
  const reminderSweepMs = Math.min(30_000, Math.max(100, reminderEveryMs / 2));
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
  let lastRenewal = 0;
  let reminding: Promise<void> | undefined;
  /** Claimed checks still waiting for their due time: they hold no connection or socket. */
  let sleeping = 0;
  /** How many more checks a pass may claim: the concurrency limit counts checks running now. */
  const freeRoom = () => Math.min(batchSize, concurrency - (running.size - sleeping));
  /** Monitors whose check waits for a host slot, with their timeout (for the lease). */
  const waiting = new Map<string, number>();
  /** Monitors with a check claimed by this scheduler and not yet recorded. */
  const inProgress = new Set<string>();
  const abort = new AbortController();
  // Every running check listens to it; hundreds at once is expected.
  setMaxListeners(0, abort.signal);

  /**
   * A slot on the host, or false when the scheduler stopped while waiting for one. While it
   * waits, the monitor is in `waiting`, whose leases each pass renews (renewWaitingLeases).
   */
  async function acquireHost(host: string, row: Claimed): Promise<boolean> {
    try {
      while ((hostLoad.get(host) ?? 0) >= perHost) {
        if (abort.signal.aborted) return false;
        waiting.set(row.id, row.timeout_seconds);
        await new Promise<void>((resolve) => {
          const queue = hostWaiters.get(host);
          if (queue) queue.push(resolve);
          else hostWaiters.set(host, [resolve]);
        });
      }
    } finally {
      waiting.delete(row.id);
    }
    if (abort.signal.aborted) return false;
    hostLoad.set(host, (hostLoad.get(host) ?? 0) + 1);
    return true;
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

  function noteRun(kind: string, dueAt: Date, startedAt: Date, status: string) {
    ctx.metrics.monitorCheckLag.observe(
      { kind },
      Math.max(0, startedAt.getTime() - dueAt.getTime()) / 1000,
    );
    ctx.metrics.monitorChecks.inc({ kind, status });
  }

  async function runOne(row: Claimed) {
    const dueAt = new Date(row.next_run_at);
    // Claimed ahead of time: start on the dot. Stopping first hands the monitor back untouched.
    sleeping++;
    const awake = await sleepUntil(dueAt).finally(() => sleeping--);
    if (!awake) return releaseLease(ctx.db, row.id, id, dueAt);
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
      noteRun('heartbeat', dueAt, startedAt, 'down');
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
    const opened = row.secret_credential_id ? secrets.get(row.secret_credential_id) : undefined;
    const withValues = withSecrets(target, opened);
    if (!withValues)
      return recordUnrunnable(
        'a secret header or URL parameter cannot be opened; enter its value again',
      );
    const host = hostOf(target);
    // Waiting for a slow host's slot can outlast the lease: acquireHost keeps the lease renewed.
    const gotSlot = await acquireHost(host, row);
    // Stopped while waiting: the check never ran; hand the monitor back as it was.
    if (!gotSlot) return releaseLease(ctx.db, row.id, id, dueAt);
    startedAt = new Date();
    let outcome: CheckOutcome;
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
    // The message goes into results, incidents and alerts: never a secret, even one echoed back.
    outcome = { ...outcome, message: scrubSecrets(outcome.message, opened) };
    noteRun(target.kind, dueAt, startedAt, outcome.status);
    await recorder.record({
      ...lease,
      monitorId: row.id,
      outcome,
      nextRunAt: nextDueAfter(dueAt, row.interval_seconds),
      at: new Date(),
    });
    options.onRun?.({ monitorId: row.id, dueAt, startedAt, holder: id });
  }

  /**
   * Reminders for incidents open longer than the period and not reminded within it. Claimed one
   * at a time with a conditional update, so two processes never send the same reminder. A paused
   * monitor's incident stays open (nobody checks it) but sends no reminders.
   */
  async function sendReminders() {
    const now = Date.now();
    const cutoff = new Date(now - reminderEveryMs);
    const due = await ctx.db
      .select({ incident: incidents, monitor: monitors })
      .from(incidents)
      .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
      .where(
        and(
          isNull(incidents.resolvedAt),
          isNull(incidents.acknowledgedAt),
          eq(monitors.enabled, true),
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
              // Asked again on the locked row: an acknowledgement or a recovery committed since
              // the read above wins, and no reminder follows it.
              isNull(incidents.resolvedAt),
              isNull(incidents.acknowledgedAt),
              or(isNull(incidents.lastReminderAt), lt(incidents.lastReminderAt, cutoff)),
            ),
          )
          .returning({ id: incidents.id });
        if (claimed.length === 0) return [];
        return storeAlerts(tx, {
          monitor,
          incidentId: incident.id,
          event: 'reminder',
          message: `down for ${spanInWords(now - incident.openedAt.getTime())}: ${
            monitor.lastMessage ?? incident.cause
          }`,
          at: new Date(),
        });
      });
      await queueAlerts(ctx, ids);
    }
  }

  /**
   * Renews, at most once a second, the leases of monitors whose check waits for a host slot:
   * one statement for all of them. Without it a lease could lapse in the queue and the next pass
   * would claim the monitor again (a second run of the same check).
   */
  async function renewWaitingLeases() {
    if (waiting.size === 0 || Date.now() - lastRenewal < 1000) return;
    lastRenewal = Date.now();
    await ctx.database.query(
      `update monitors m
          set lease_until = now() + make_interval(secs => w.timeout_seconds + ${LEASE_MARGIN_SQL})
         from unnest($2::uuid[], $3::int[]) as w(id, timeout_seconds)
        where m.id = w.id and m.leased_by = $1`,
      [id, [...waiting.keys()], [...waiting.values()]],
    );
  }

  async function tick(): Promise<number> {
    const room = freeRoom();
    if (room <= 0) return 0;
    const { rows } = await ctx.database.query<Claimed>(
      `update monitors m
          set leased_by = $1,
              lease_until = now() + make_interval(secs => m.timeout_seconds + ${LEASE_MARGIN_SQL} + $3::float8 / 1000)
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
      // Already running here (its lease lapsed while this process still held the check, and
      // this pass took it again): never a second run of the same check. The claim just
      // renewed the lease for the run in progress.
      if (inProgress.has(row.id)) continue;
      inProgress.add(row.id);
      const task = runOne(row)
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, monitorId: row.id }, 'monitor check failed to record'),
        )
        .finally(() => {
          inProgress.delete(row.id);
          running.delete(task);
          if (isWaitingForRoom) {
            isWaitingForRoom = false;
            schedule(0);
          }
        });
      running.add(task);
    }
    return rows.length;
  }

  /**
   * Starts a sweep for the reminders that are due, at most every `reminderSweepMs`, whatever the
   * load; off the claim path (not awaited), so a hundred reminders after a big outage never hold
   * back a check. One sweep at a time.
   */
  function remind() {
    if (reminderEveryMs <= 0 || reminding || Date.now() - lastReminderSweep < reminderSweepMs)
      return;
    lastReminderSweep = Date.now();
    reminding = sendReminders()
      .catch((error: unknown) => ctx.logger.warn({ err: error }, 'monitor reminders failed'))
      .finally(() => (reminding = undefined));
  }

  function schedule(ms: number) {
    if (stopped || passing) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
  }

  const loop = async () => {
    if (stopped || passing) return;
    passing = true;
    const room = freeRoom();
    let claimed = 0;
    try {
      claimed = await tick();
      notePass(ctx);
      await renewWaitingLeases();
      remind();
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
      // Checks queued behind a busy host wake up, see the abort and hand their monitor back.
      for (const waiters of hostWaiters.values()) for (const wake of waiters) wake();
      hostWaiters.clear();
      await Promise.allSettled([...running, reminding]);
      await recorder.flush();
    },
  };
}
