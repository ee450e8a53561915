/** @module Scheduling arithmetic: first-run jitter, the next due time, heartbeat deadlines. */
import { createHash } from 'node:crypto';
import cronParser from 'cron-parser';
import type { HeartbeatTarget } from '../../shared/monitoring.ts';

/** A stable offset within the interval from the monitor's id, so monitors do not fire together. */
export function jitterMs(monitorId: string, intervalSeconds: number): number {
  const n = createHash('sha256').update(monitorId).digest().readUInt32BE(0);
  return n % (intervalSeconds * 1000);
}

export function firstRunAt(monitorId: string, intervalSeconds: number, now = new Date()): Date {
  return new Date(now.getTime() + jitterMs(monitorId, intervalSeconds));
}

/** The next due time after a run: one interval after the due time, skipping intervals missed. */
export function nextDueAfter(dueAt: Date, intervalSeconds: number, now = new Date()): Date {
  const step = intervalSeconds * 1000;
  let next = dueAt.getTime() + step;
  if (next <= now.getTime()) next += Math.ceil((now.getTime() - next + 1) / step) * step;
  return new Date(next);
}

/** Throws with a readable message when the expression or time zone is wrong. */
export function parseCron(cron: string, timezone: string, from = new Date()) {
  return cronParser.parseExpression(cron, { tz: timezone, currentDate: from });
}

/** When a heartbeat pinged at `from` must ping next, grace included. */
export function heartbeatDeadline(target: HeartbeatTarget, from: Date): Date {
  const schedule = target.schedule;
  if (schedule.type === 'period')
    return new Date(from.getTime() + (schedule.periodSeconds + schedule.graceSeconds) * 1000);
  const next = parseCron(schedule.cron, schedule.timezone, from).next().toDate();
  return new Date(next.getTime() + schedule.graceSeconds * 1000);
}

/** After a missed deadline, when to look again (and record another miss). */
export function heartbeatRecheck(target: HeartbeatTarget, now: Date): Date {
  return target.schedule.type === 'period'
    ? new Date(now.getTime() + target.schedule.periodSeconds * 1000)
    : heartbeatDeadline(target, now);
}
