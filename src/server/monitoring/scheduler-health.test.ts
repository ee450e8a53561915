/** Keel's own monitoring health: degraded while passes fail or stall, and the outage it leaves. */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../system/metrics.ts';
import {
  deadlineAfterOutage,
  monitoringStatus,
  notePass,
  schedulerHealth,
} from './scheduler-health.ts';

const context = () =>
  ({ logger: createLogger('silent'), metrics: createMetrics() }) as unknown as AppContext;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hourAfter = (ping: Date) => new Date(ping.getTime() + 3_600_000);

describe('scheduler health', () => {
  it('is off without a scheduler, ok after a good pass, degraded while failing or stalled', () => {
    const ctx = context();
    const off = monitoringStatus(ctx, at(0).getTime()).status;
    schedulerHealth(ctx).running = 1;
    notePass(ctx, undefined, at(0));
    const ok = monitoringStatus(ctx, at(1).getTime()).status;
    const stalled = monitoringStatus(ctx, at(30).getTime()).status;
    notePass(ctx, new Error('ECONNREFUSED'), at(2));
    const failing = monitoringStatus(ctx, at(2).getTime());
    notePass(ctx, undefined, at(40));

    expect([off, ok, stalled, failing.status]).toEqual(['off', 'ok', 'degraded', 'degraded']);
    expect(failing.failingSince).toBe(at(2).toISOString());
    expect(monitoringStatus(ctx, at(41).getTime()).status).toBe('ok');
    expect(schedulerHealth(ctx).lastOutage).toEqual({ from: at(0), to: at(40) });
  });

  it('moves a heartbeat deadline that fell inside the outage, once', () => {
    const ctx = context();
    notePass(ctx, undefined, at(0));
    notePass(ctx, new Error('down'), at(1));
    notePass(ctx, undefined, at(30));

    const before = deadlineAfterOutage(ctx, at(0), hourAfter);
    const inside = deadlineAfterOutage(ctx, at(10), hourAfter);
    const moved = deadlineAfterOutage(ctx, hourAfter(at(30)), hourAfter);

    expect(before).toBeNull();
    expect(inside).toEqual(hourAfter(at(30)));
    expect(moved).toBeNull();
  });

  it('counts the pass that finds the database again as the end of the outage', () => {
    const ctx = context();
    notePass(ctx, undefined, at(0));
    notePass(ctx, new Error('down'), at(1));

    expect(deadlineAfterOutage(ctx, at(5), hourAfter, at(20))).toEqual(hourAfter(at(20)));
  });
});
