/**
 * @module Heartbeat pings. `/ping/<token>` (success), `/start`, `/fail` and `/<exit code>`. The
 * token is looked up by its SHA-256 hash through a unique index, so the time a wrong token takes
 * says nothing about the right ones; a wrong token is a plain 404. Run time is measured from the
 * last start to the success; the next deadline follows the schedule.
 */
import { eq } from 'drizzle-orm';
import { heartbeatTarget } from '../../shared/monitoring.ts';
import type { AppContext } from '../context.ts';
import { monitors } from '../db/schema.ts';
import { hashToken } from '../auth/tokens.ts';
import { notFound } from '../http/app-error.ts';
import { recordOutcome } from './record.ts';
import { heartbeatDeadline } from './schedule.ts';

export type PingKind =
  { kind: 'success' } | { kind: 'start' } | { kind: 'fail'; exitCode?: number };

export function parsePingSuffix(suffix: string | undefined): PingKind | null {
  if (suffix === undefined || suffix === '') return { kind: 'success' };
  if (suffix === 'start') return { kind: 'start' };
  if (suffix === 'fail') return { kind: 'fail' };
  if (/^\d{1,3}$/.test(suffix)) {
    const code = Number(suffix);
    if (code > 255) return null;
    return code === 0 ? { kind: 'success' } : { kind: 'fail', exitCode: code };
  }
  return null;
}

export async function recordPing(ctx: AppContext, token: string, ping: PingKind | null) {
  const [row] = await ctx.db
    .select()
    .from(monitors)
    .where(eq(monitors.pingTokenHash, hashToken(token)));
  if (!row || !ping || row.kind !== 'heartbeat') throw notFound('heartbeat');
  if (!row.enabled) return { ok: true, ignored: 'paused' };
  const now = new Date();
  const target = heartbeatTarget.parse(row.target);
  if (ping.kind === 'start') {
    await ctx.db.update(monitors).set({ lastStartAt: now }).where(eq(monitors.id, row.id));
    return { ok: true };
  }
  // A start more than a day old belongs to a run that never finished.
  const runMs =
    row.lastStartAt && now.getTime() - row.lastStartAt.getTime() < 86_400_000
      ? now.getTime() - row.lastStartAt.getTime()
      : null;
  if (ping.kind === 'fail') {
    await recordOutcome(
      ctx,
      row.id,
      {
        status: 'down',
        fault: 'failed-ping',
        message:
          ping.exitCode !== undefined
            ? `the job failed with exit code ${ping.exitCode}`
            : 'the job reported a failure',
        timings: runMs !== null ? { totalMs: runMs } : {},
      },
      {
        now,
        confirmImmediately: true,
        nextRunAt: heartbeatDeadline(target, now),
        extra: { lastPingAt: now, lastStartAt: null, lastRunMs: runMs },
      },
    );
    return { ok: true };
  }
  await recordOutcome(
    ctx,
    row.id,
    {
      status: 'up',
      message:
        runMs !== null
          ? `ping received; the run took ${Math.round(runMs / 1000)} s`
          : 'ping received',
      timings: runMs !== null ? { totalMs: runMs } : {},
    },
    {
      now,
      nextRunAt: heartbeatDeadline(target, now),
      extra: { lastPingAt: now, lastSuccessAt: now, lastStartAt: null, lastRunMs: runMs },
    },
  );
  return { ok: true };
}
