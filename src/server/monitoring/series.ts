/**
 * @module Time series for the web app, read from the rollups only: the list's 24 h sparklines
 * for a whole page of monitors in one query, and one monitor's latency percentiles over a
 * window (6 h … 365 days). Raw results are never scanned here, so both stay fast with
 * thousands of monitors and a year of history.
 */
import type { AppContext } from '../context.ts';
import type { LatencyPoint, LatencyWindow } from '../../shared/monitoring.ts';
import { decodeHistogram, emptyHistogram, mergeHistograms, percentile } from './rollups.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Sparkline {
  /** Uptime share (0–1) per hour, oldest first; null when nothing ran that hour. */
  uptime: (number | null)[];
  /** Mean latency of the successful checks per hour, in ms. */
  latency: (number | null)[];
}

/** 24 hourly buckets per monitor, for every id at once (one query on the rollups' key). */
export async function sparklines(ctx: AppContext, ids: string[]): Promise<Map<string, Sparkline>> {
  const map = new Map<string, Sparkline>();
  if (ids.length === 0) return map;
  const hourNow = Math.floor(Date.now() / HOUR);
  const { rows } = await ctx.database.query<{
    monitor_id: string;
    start: string | Date;
    checks: number;
    failures: number;
    latency_sum_ms: number;
  }>(
    `select monitor_id, start, checks, failures, latency_sum_ms from monitor_rollups
      where monitor_id = any($1::uuid[]) and grain = 'hour'
        and start >= date_trunc('hour', now()) - interval '23 hours'`,
    [ids],
  );
  for (const id of ids)
    map.set(id, {
      uptime: Array.from({ length: 24 }, () => null),
      latency: Array.from({ length: 24 }, () => null),
    });
  for (const row of rows) {
    const index = 23 - (hourNow - Math.floor(new Date(row.start).getTime() / HOUR));
    const line = map.get(row.monitor_id);
    const checks = Number(row.checks);
    const ok = checks - Number(row.failures);
    if (!line || index < 0 || index > 23 || checks === 0) continue;
    line.uptime[index] = ok / checks;
    line.latency[index] = ok > 0 ? Math.round(Number(row.latency_sum_ms) / ok) : null;
  }
  return map;
}

const WINDOW_SHAPES: Record<
  LatencyWindow,
  { ms: number; grain: 'minute' | 'hour' | 'day'; step: number }
> = {
  '6h': { ms: 6 * HOUR, grain: 'minute', step: 5 * MINUTE },
  '24h': { ms: DAY, grain: 'hour', step: HOUR },
  '7d': { ms: 7 * DAY, grain: 'hour', step: HOUR },
  '30d': { ms: 30 * DAY, grain: 'day', step: DAY },
  '90d': { ms: 90 * DAY, grain: 'day', step: DAY },
  '365d': { ms: 365 * DAY, grain: 'day', step: DAY },
};

/**
 * p50/p95/p99 and uptime per 5 minutes (6 h, from minute rows), per hour (24 h, 7 d) or per day
 * (30, 90, 365 d), gaps included. Rows are merged into their point (five minute rows a point for
 * 6 h; one row a point otherwise).
 */
export async function latencySeries(
  ctx: AppContext,
  monitorId: string,
  window: LatencyWindow,
): Promise<LatencyPoint[]> {
  const shape = WINDOW_SHAPES[window];
  const last = Math.floor(Date.now() / shape.step) * shape.step;
  const first = last - (Math.round(shape.ms / shape.step) - 1) * shape.step;
  const { rows } = await ctx.database.query<{
    start: string | Date;
    checks: number;
    failures: number;
    buckets: Uint8Array;
  }>(
    `select start, checks, failures, buckets from monitor_rollups
      where monitor_id = $1 and grain = $2 and start >= $3::timestamptz`,
    [monitorId, shape.grain, new Date(first).toISOString()],
  );
  const byPoint = new Map<number, { checks: number; failures: number; hist: number[] }>();
  for (const row of rows) {
    const at = Math.floor(new Date(row.start).getTime() / shape.step) * shape.step;
    const point = byPoint.get(at) ?? { checks: 0, failures: 0, hist: emptyHistogram() };
    point.checks += Number(row.checks);
    point.failures += Number(row.failures);
    point.hist = mergeHistograms(point.hist, decodeHistogram(row.buckets));
    byPoint.set(at, point);
  }
  const points: LatencyPoint[] = [];
  for (let at = first; at <= last; at += shape.step) {
    const point = byPoint.get(at);
    const checks = point?.checks ?? 0;
    const failures = point?.failures ?? 0;
    points.push({
      start: new Date(at).toISOString(),
      checks,
      failures,
      uptime: checks ? (checks - failures) / checks : null,
      p50Ms: point ? percentile(point.hist, 0.5) : null,
      p95Ms: point ? percentile(point.hist, 0.95) : null,
      p99Ms: point ? percentile(point.hist, 0.99) : null,
    });
  }
  return points;
}
