/**
 * @module Keel's own monitoring health, per process: when the scheduler last made a good pass
 * over the database, since when its passes fail, and the last database outage it lived through.
 * `/readyz`, `/metrics` and the System page show it; heartbeats use the outage so that pings
 * Keel could not receive are not blamed on the cron job (see `deadlineAfterOutage`).
 */
import type { AppContext } from '../context.ts';

/** A scheduler that has not made a good pass for this long is degraded (its poll is 200 ms). */
export const SCHEDULER_STALE_MS = 10_000;

export interface SchedulerHealth {
  running: number;
  lastPassAt: Date | null;
  failingSince: Date | null;
  failedPasses: number;
  /** From the last good pass before the failures to the first good pass after them. */
  lastOutage: { from: Date; to: Date } | null;
}

export interface MonitoringStatus {
  /** `off`: no scheduler runs in this process (`keel serve --no-worker`). */
  status: 'ok' | 'degraded' | 'off';
  lastPassAt: string | null;
  failingSince: string | null;
}

const byContext = new WeakMap<AppContext, SchedulerHealth>();

export function schedulerHealth(ctx: AppContext): SchedulerHealth {
  let health = byContext.get(ctx);
  if (!health) {
    health = {
      running: 0,
      lastPassAt: null,
      failingSince: null,
      failedPasses: 0,
      lastOutage: null,
    };
    byContext.set(ctx, health);
  }
  return health;
}

/**
 * Called by the scheduler loop after every pass. Logs the transitions only (a pass runs every
 * 200 ms, so an outage would otherwise log hundreds of lines).
 */
export function notePass(ctx: AppContext, error?: unknown, now = new Date()): void {
  const health = schedulerHealth(ctx);
  if (error === undefined) {
    if (health.failingSince) {
      health.lastOutage = { from: health.lastPassAt ?? health.failingSince, to: now };
      ctx.logger.info(
        { since: health.failingSince.toISOString(), failedPasses: health.failedPasses },
        'monitor scheduler reaches the database again; checks resume',
      );
    }
    health.failingSince = null;
    health.lastPassAt = now;
    ctx.metrics.monitorSchedulerLastPass.set(now.getTime() / 1000);
    return;
  }
  health.failedPasses++;
  ctx.metrics.monitorSchedulerFailedPasses.inc();
  if (health.failingSince) ctx.logger.debug({ err: error }, 'monitor scheduler pass failed');
  else {
    health.failingSince = now;
    ctx.logger.warn({ err: error }, 'monitor scheduler pass failed; checks wait for the database');
  }
}

export function monitoringStatus(ctx: AppContext, now = Date.now()): MonitoringStatus {
  const health = schedulerHealth(ctx);
  const isStale = !health.lastPassAt || now - health.lastPassAt.getTime() > SCHEDULER_STALE_MS;
  return {
    status: health.running === 0 ? 'off' : health.failingSince || isStale ? 'degraded' : 'ok',
    lastPassAt: health.lastPassAt?.toISOString() ?? null,
    failingSince: health.failingSince?.toISOString() ?? null,
  };
}

/**
 * For a heartbeat deadline that fell inside an outage this process saw, the deadline to use
 * instead; null otherwise. Pings sent while Keel could not write them were lost (they got a
 * 503), so the miss may be Keel's, not the job's: the deadline moves on as if a ping had arrived
 * when the database came back. A pass still marked failing is the one finding it back.
 */
export function deadlineAfterOutage(
  ctx: AppContext,
  dueAt: Date,
  deadlineFrom: (ping: Date) => Date,
  now = new Date(),
): Date | null {
  const health = schedulerHealth(ctx);
  const outage = health.failingSince
    ? { from: health.lastPassAt ?? health.failingSince, to: now }
    : health.lastOutage;
  if (!outage || dueAt <= outage.from) return null;
  const moved = deadlineFrom(outage.to);
  return dueAt < moved ? moved : null;
}
